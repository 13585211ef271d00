using Amazon.CDK;
using Amazon.CDK.AWS.Route53;
using Constructs;

namespace ServerlessMail.Cdk;

/// <summary>
/// One DNS record the deployment needs. With a hosted zone it becomes a Route 53 record; without one, a stack output
/// ("NAME TYPE VALUE") for the operator to create by hand.
/// </summary>
public sealed record DnsRecord(string Name, string Type, string Value, int Priority = 0)
{
    public static DnsRecord Txt(string name, string value) => new(name, "TXT", value);

    public static DnsRecord Cname(string name, string value) => new(name, "CNAME", value);

    public static DnsRecord Mx(string name, string host, int priority) => new(name, "MX", host, priority);

    public string Describe() => Type == "MX" ? $"{Name} MX {Priority} {Value}" : $"{Name} {Type} {Value}";

    public static void Publish(Stack stack, IHostedZone? zone, IReadOnlyList<DnsRecord> records)
    {
        ArgumentNullException.ThrowIfNull(stack);
        ArgumentNullException.ThrowIfNull(records);
        for (var i = 0; i < records.Count; i++)
        {
            var record = records[i];
            var id = $"Dns{i + 1}{record.Type}";
            if (zone is null)
            {
                _ = new CfnOutput(stack, id, new CfnOutputProps { Value = record.Describe(), Description = "DNS record to create by hand" });
                continue;
            }

            _ = record.Type switch
            {
                "TXT" => (Construct)new TxtRecord(stack, id, new TxtRecordProps { Zone = zone, RecordName = record.Name + ".", Values = [record.Value] }),
                "CNAME" => new CnameRecord(stack, id, new CnameRecordProps { Zone = zone, RecordName = record.Name, DomainName = record.Value }),
                "MX" => new MxRecord(stack, id, new MxRecordProps
                {
                    Zone = zone,
                    RecordName = record.Name + ".",
                    Values = [new MxRecordValue { HostName = record.Value, Priority = record.Priority }],
                }),
                _ => throw new ArgumentException($"no Route 53 mapping for {record.Type}"),
            };
        }
    }
}
