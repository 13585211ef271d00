using BenchmarkDotNet.Running;

namespace ServerlessMail.Mime.Benchmarks;

internal static class Program
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
