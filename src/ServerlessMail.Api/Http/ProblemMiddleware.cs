using System.Text.Json;
using ServerlessMail.Core;

namespace ServerlessMail.Api.Http;

/// <summary>
/// Turns every refusal into problem JSON: our own <see cref="ApiProblem"/>, Core's typed store errors, and ASP.NET
/// Core's binding failures (a malformed JSON body, a query value of the wrong type). Anything else is a bug: logged
/// once here and answered 500 without details.
/// </summary>
internal sealed class ProblemMiddleware(RequestDelegate next, ILogger<ProblemMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        ApiProblem problem;
        try
        {
            await next(context).ConfigureAwait(false);
            if (context.Response is { HasStarted: false, ContentType: null, StatusCode: StatusCodes.Status404NotFound or StatusCodes.Status405MethodNotAllowed })
            {
                // No endpoint matched (routing answers with an empty body): still a problem document, like every error.
                await ProblemWriter.WriteAsync(context, context.Response.StatusCode == StatusCodes.Status404NotFound
                    ? ApiProblem.NotFound("The resource")
                    : new ApiProblem(StatusCodes.Status405MethodNotAllowed, "method-not-allowed", "The method is not allowed on this resource.")).ConfigureAwait(false);
            }

            return;
        }
        catch (ApiProblem refusal)
        {
            problem = refusal;
        }
        catch (MailStoreException exception)
        {
            problem = ApiProblem.From(exception);
        }
        catch (BadHttpRequestException exception) when (exception.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            problem = ApiProblem.TooLarge(exception.Message);
        }
        catch (BadHttpRequestException exception)
        {
            problem = ApiProblem.BadRequest(exception.InnerException is JsonException json ? "The JSON body is malformed: " + json.Message : exception.Message);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            return;
        }
        catch (Exception exception)
        {
            ApiLog.Unhandled(logger, exception, context.Request.Method, context.Request.Path);
            problem = new ApiProblem(StatusCodes.Status500InternalServerError, "internal", "An internal error occurred.");
        }

        if (context.Response.HasStarted)
        {
            // Headers are gone (a streamed body failed midway); all that is left is to end the response.
            context.Abort();
            return;
        }

        await ProblemWriter.WriteAsync(context, problem).ConfigureAwait(false);
    }
}
