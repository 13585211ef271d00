using System.Globalization;

namespace ServerlessMail.Storage.Benchmarks;

/// <summary>The command line, with every default in one place.</summary>
internal sealed record BenchmarkSettings
{
    public string Store { get; init; } = "local";

    public IReadOnlyList<int> Sizes { get; init; } = [4 * 1024, 100 * 1024];

    public IReadOnlyList<int> Concurrency { get; init; } = [1, 8, 32];

    /// <summary>Measured time per cell, after the warm-up.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(10);

    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(4);

    public bool Fsync { get; init; } = true;

    /// <summary>Where local cells put their data directories (each cell a fresh one, deleted after).</summary>
    public string WorkDirectory { get; init; } = Path.GetTempPath();

    public static BenchmarkSettings Parse(IReadOnlyList<string> args)
    {
        var settings = new BenchmarkSettings();
        for (var i = 0; i < args.Count; i++)
        {
            var value = i + 1 < args.Count ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value.");
            settings = args[i] switch
            {
                "--store" => settings with { Store = value },
                "--sizes" => settings with { Sizes = Numbers(value) },
                "--concurrency" => settings with { Concurrency = Numbers(value) },
                "--seconds" => settings with { Duration = TimeSpan.FromSeconds(double.Parse(value, CultureInfo.InvariantCulture)) },
                "--warmup" => settings with { Warmup = TimeSpan.FromSeconds(double.Parse(value, CultureInfo.InvariantCulture)) },
                "--fsync" => settings with { Fsync = value is "on" or "true" },
                "--work" => settings with { WorkDirectory = value },
                _ => throw new ArgumentException($"Unknown option {args[i]}."),
            };
            i++;
        }

        return settings;
    }

    public const string Usage =
        "usage: ServerlessMail.Storage.Benchmarks [--store local|aws] [--sizes 4096,102400] [--concurrency 1,8,32] " +
        "[--seconds 10] [--warmup 4] [--fsync on|off] [--work <directory>]";

    private static int[] Numbers(string value) =>
        value.Split(',').Select(v => int.Parse(v, CultureInfo.InvariantCulture)).ToArray();
}
