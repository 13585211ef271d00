using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace ServerlessMail.Mime.Benchmarks;

/// <summary>Prints MB/s and messages/s from the measured mean and the size of the benchmark's input file.</summary>
internal sealed class ThroughputColumn(bool messagesPerSecond) : IColumn
{
    public string Id => messagesPerSecond ? "Msgs/s" : "MB/s";

    public string ColumnName => Id;

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => messagesPerSecond ? 1 : 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => messagesPerSecond ? "Messages parsed per second on one core" : "Input megabytes (10^6 bytes) parsed per second";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var report = summary[benchmarkCase];
        var input = benchmarkCase.Parameters["Input"] as string;
        if (report?.ResultStatistics is null || input is null)
        {
            return "-";
        }

        var seconds = report.ResultStatistics.Mean / 1e9;
        var bytes = BenchmarkInputs.Load(input).Length;
        return messagesPerSecond
            ? (1 / seconds).ToString("N0", System.Globalization.CultureInfo.InvariantCulture)
            : (bytes / seconds / 1e6).ToString("N0", System.Globalization.CultureInfo.InvariantCulture);
    }

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
}
