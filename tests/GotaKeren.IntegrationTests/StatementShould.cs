using GotaKeren.IntegrationTests.Contributions;
using GotaKeren.Testing;
using GotaKeren.Web.Contributions;
using GotaKeren.Web.Rules;
using GotaKeren.Web.Shell;
using Microsoft.EntityFrameworkCore;

namespace GotaKeren.IntegrationTests;

/// <summary>The ASN's statement of willingness promises the amount of the month it starts, from the tariff of that month.</summary>
public sealed class StatementShould(AppFixture app) : IClassFixture<AppFixture>
{
    private const string Slug = "kendal";

    [Fact]
    public async Task PriceTheFirstDeductedMonthNotThisOne()
    {
        var asnId = await DemoPeople.LinkAsync(app, Slug);
        await new MoneySeed(app).SeedAsync(Slug, 1, PaymentChannel.SalaryDeduction, activeFrom: MoneySeed.ThisMonth, asnId: asnId, occupation: "petani");
        var firstMonth = MoneySeed.ThisMonth.AddMonths(1);
        var rules = await app.InTenantAsync(Slug, async (db, _) => (await db.RulesVersions.InForceAsync(MoneySeed.Today))!.Rules);
        var expected = TariffCalculator.Standard.Quote("petani", rules.Package, Math.Max(1_000_000, rules.DeclaredIncome), firstMonth, publicMoney: false).Total;
        var asn = app.CreateBrowserlessClient();
        await asn.SignInOrFailAsync($"/t/{Slug}", $"asn.{Slug}");

        var text = await PdfText.ExtractAsync(await asn.GetByteArrayAsync($"/t/{Slug}/perlindungan?handler=Statement"));

        Assert.Contains($"untuk bulan {Formats.Month(firstMonth)}", string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)), StringComparison.Ordinal);
        Assert.Contains(Formats.Rupiah(expected)[2..], text, StringComparison.Ordinal);
    }
}
