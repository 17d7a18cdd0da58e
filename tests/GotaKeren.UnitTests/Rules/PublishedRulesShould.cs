using GotaKeren.Web.Rules;

namespace GotaKeren.UnitTests.Rules;

public sealed class PublishedRulesShould
{
    private static readonly Guid Kendal = Guid.NewGuid();
    private static readonly Guid Garut = Guid.NewGuid();
    private static readonly DateOnly Today = new(2026, 12, 2);

    private sealed class Database
    {
        public int Reads { get; private set; }

        public string Letter { get; set; } = "400/1/2026";

        public Func<Task>? During { get; set; }

        public async Task<ProgrammeRules?> ReadAsync()
        {
            Reads++;
            var rules = new ProgrammeRules { LetterNumber = Letter };
            if (During is { } during)
            {
                During = null;
                await during();
            }

            return rules;
        }
    }

    private static PublishedRules Listening()
    {
        var rules = new PublishedRules();
        rules.StartedListening();
        return rules;
    }

    [Fact]
    public async Task ReadTheLetterOncePerRegencyAndDayWhileListening()
    {
        var rules = Listening();
        var database = new Database();

        await rules.InForceAsync(Kendal, Today, database.ReadAsync);
        await rules.InForceAsync(Kendal, Today, database.ReadAsync);
        await rules.InForceAsync(Garut, Today, database.ReadAsync);
        await rules.InForceAsync(Kendal, Today.AddDays(1), database.ReadAsync);

        Assert.Equal(3, database.Reads);
    }

    [Fact]
    public async Task GiveEveryCallerACopyOfItsOwn()
    {
        var rules = Listening();
        var database = new Database();

        var first = await rules.InForceAsync(Kendal, Today, database.ReadAsync);
        var second = await rules.InForceAsync(Kendal, Today, database.ReadAsync);
        second!.LetterNumber = "diubah pemanggil";
        var third = await rules.InForceAsync(Kendal, Today, database.ReadAsync);

        Assert.NotSame(first, second);
        Assert.Equal("400/1/2026", third!.LetterNumber);
    }

    [Fact]
    public async Task ReadAgainOnlyTheRegencyItHearsWasPublished()
    {
        var rules = Listening();
        var database = new Database();
        await rules.InForceAsync(Kendal, Today, database.ReadAsync);
        await rules.InForceAsync(Garut, Today, database.ReadAsync);

        database.Letter = "400/2/2026";
        rules.Forget(Kendal);

        Assert.Equal("400/2/2026", (await rules.InForceAsync(Kendal, Today, database.ReadAsync))!.LetterNumber);
        Assert.Equal("400/1/2026", (await rules.InForceAsync(Garut, Today, database.ReadAsync))!.LetterNumber);
        Assert.Equal(3, database.Reads);
    }

    [Fact]
    public async Task NotKeepWhatItReadWhileAPublicationWasHeard()
    {
        var rules = Listening();
        // The read saw the old letter; the new one was published and heard before the read returned.
        var database = new Database { During = () => { rules.Forget(Kendal); return Task.CompletedTask; } };
        await rules.InForceAsync(Kendal, Today, database.ReadAsync);

        database.Letter = "400/2/2026";

        Assert.Equal("400/2/2026", (await rules.InForceAsync(Kendal, Today, database.ReadAsync))!.LetterNumber);
    }

    [Fact]
    public async Task ReadEveryTimeWhenNotListening()
    {
        var rules = Listening();
        var database = new Database();
        await rules.InForceAsync(Kendal, Today, database.ReadAsync);

        rules.StoppedListening();
        database.Letter = "400/2/2026";

        Assert.Equal("400/2/2026", (await rules.InForceAsync(Kendal, Today, database.ReadAsync))!.LetterNumber);
        await rules.InForceAsync(Kendal, Today, database.ReadAsync);
        Assert.Equal(3, database.Reads);
    }

    [Fact]
    public async Task KeepNothingBeforeItHasListenedOnce()
    {
        var rules = new PublishedRules();
        var database = new Database();

        await rules.InForceAsync(Kendal, Today, database.ReadAsync);
        await rules.InForceAsync(Kendal, Today, database.ReadAsync);

        Assert.Equal(2, database.Reads);
    }
}
