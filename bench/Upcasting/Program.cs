using BenchmarkDotNet.Running;
using TitleReview.Bench.Upcasting;

// dotnet run -c Release --project bench/Upcasting (BenchmarkDotNet; the figures go in bench/README.md).
BenchmarkRunner.Run<ReadingASubmission>(args: args);
