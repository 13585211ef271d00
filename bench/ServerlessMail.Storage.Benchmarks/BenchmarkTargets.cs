using System.Diagnostics.CodeAnalysis;
using System.Reflection;

namespace ServerlessMail.Storage.Benchmarks;

/// <summary>Every <see cref="IIngestBenchmarkTarget"/> in this assembly, by name.</summary>
internal static class BenchmarkTargets
{
    [UnconditionalSuppressMessage("Trimming", "IL2072", Justification = "A benchmark host, never trimmed.")]
    public static IReadOnlyDictionary<string, IIngestBenchmarkTarget> All() =>
        typeof(BenchmarkTargets).Assembly.GetTypes()
            .Where(t => t.IsClass && !t.IsAbstract && typeof(IIngestBenchmarkTarget).IsAssignableFrom(t) && t.GetConstructor(Type.EmptyTypes) is not null)
            .Select(t => (IIngestBenchmarkTarget)Activator.CreateInstance(t)!)
            .ToDictionary(t => t.Name, StringComparer.OrdinalIgnoreCase);
}
