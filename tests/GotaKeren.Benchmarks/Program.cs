// Performance figures for the README's Benchmarks section, each beside the floor it could reach, measured in
// the same run on the same machine. Not a test project: run it in Release, on an otherwise idle machine.
//
//   dotnet run -c Release --project tests/GotaKeren.Benchmarks -- documents
//   dotnet run -c Release --project tests/GotaKeren.Benchmarks -- documents --count 100   (quick check)
//   dotnet run -c Release --project tests/GotaKeren.Benchmarks -- roster
//   dotnet run -c Release --project tests/GotaKeren.Benchmarks -- protection
//   dotnet run -c Release --project tests/GotaKeren.Benchmarks -- contributions
//   dotnet run -c Release --project tests/GotaKeren.Benchmarks -- payments
//   dotnet run -c Release --project tests/GotaKeren.Benchmarks -- picture   (GOTAKEREN_PICTURE_WORKERS=5000 for a quick check)
//   dotnet run -c Release --project tests/GotaKeren.Benchmarks -- load      (GOTAKEREN_LOAD_USERS=20 GOTAKEREN_LOAD_SECONDS=10 for a quick check)
//   dotnet run -c Release --project tests/GotaKeren.Benchmarks -- all
//
// Each scenario prints a Markdown table and overwrites tests/GotaKeren.Benchmarks/results/<scenario>.md.
using System.Diagnostics;
using GotaKeren.Benchmarks;

IReadOnlyList<IScenario> scenarios = [new DocumentsScenario(), new RosterScenario(), new ProtectionScenario(), new ContributionsScenario(), new PaymentsScenario(), new PictureScenario(), new LoadScenario()];

if (!BenchmarkOptions.TryParse(args, scenarios, out var options, out var selected, out var problem))
{
    if (problem.Length == 0)
    {
        Console.WriteLine(BenchmarkOptions.Usage(scenarios));
        return 0;
    }

    Console.Error.WriteLine(problem);
    Console.Error.WriteLine();
    Console.Error.WriteLine(BenchmarkOptions.Usage(scenarios));
    return 2;
}

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

#if DEBUG
Console.Error.WriteLine("Warning: a Debug build; figures are only meaningful with -c Release.");
#endif

foreach (var scenario in selected)
{
    var context = RunContext.Capture(args);
    Console.WriteLine($"## {scenario.Name}: {scenario.Description}");
    Console.WriteLine(context.Describe());
    Console.WriteLine();

    var clock = Stopwatch.StartNew();
    var rows = await scenario.RunAsync(options, cancel.Token);
    clock.Stop();

    var table = MarkdownTable.Render(rows);
    var footer = $"Whole scenario: {clock.Elapsed.TotalMinutes:0.0} min; load average at the end {RunContext.LoadAverage()}.";
    Console.WriteLine();
    Console.WriteLine(table);
    Console.WriteLine(footer);

    Directory.CreateDirectory(options.ResultsFolder);
    var file = Path.Combine(options.ResultsFolder, scenario.Name + ".md");
    await File.WriteAllTextAsync(
        file,
        $"# {scenario.Name}: {scenario.Description}\n\n{context.Describe()}\n\n{table}\n{footer}\n",
        cancel.Token);
    Console.WriteLine($"Written to {Path.GetRelativePath(options.RepositoryRoot, file)}.");
    Console.WriteLine();
}

return 0;
