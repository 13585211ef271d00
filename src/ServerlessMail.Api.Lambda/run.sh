#!/bin/sh
# The API function's handler (runtime dotnet10, AWS_LAMBDA_EXEC_WRAPPER=/opt/bootstrap from Lambda Web Adapter):
# the adapter starts this, waits for AWS_LWA_READINESS_CHECK_PATH (/readyz) on AWS_LWA_PORT, then forwards requests.
cd "$(dirname "$0")" || exit 1
exec dotnet ServerlessMail.Api.Lambda.dll "$@"
