using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using GotaKeren.IntegrationTests.Contributions;
using GotaKeren.Testing;
using GotaKeren.Web.Contributions;
using GotaKeren.Web.Rules;
using Microsoft.EntityFrameworkCore;

namespace GotaKeren.IntegrationTests.Parallel;

/// <summary>Benefits and the BPJS desk: twenty identical requests at once have one effect.</summary>
public sealed class ParallelMoneyRequestsShould(AppFixture app) : IClassFixture<AppFixture>
{
    private readonly MoneySeed money = new(app);

    [Fact]
    public async Task RecordABenefitOnceWhenTwentyIdenticalRecordsArriveAtOnce()
    {
        var regency = await OwnRegency.NewAsync(app);
        var seeded = await money.SeedAsync(regency.Slug, 1, PaymentChannel.AsnDirect, activeFrom: MoneySeed.ThisMonth);
        var nik = await NikAsync(regency, seeded.Sponsorships[0]);
        var admin = await regency.AdminAsync();

        var answers = await TwentyAtOnce.SendAsync(_ => admin.PostAsJsonAsync($"{regency.Api}/benefits", new
        {
            nik, kind = "Jkm", eventDate = MoneySeed.Today, amount = 42_000_000, paidOn = MoneySeed.Today, recipient = "Sutini, istri", mayBeNamed = true,
        }));

        await TwentyAtOnce.AssertOneDoneAsync(answers, HttpStatusCode.Created);
        Assert.Equal(1, await regency.InAsync((db, _) => db.Benefits.CountAsync()));
    }

    [Fact]
    public async Task RecordAMonthsRemittanceOnceWhenTwentyArriveAtOnce()
    {
        var regency = await OwnRegency.NewAsync(app);
        var month = MoneySeed.ThisMonth.AddMonths(-1);
        var seeded = await money.SeedAsync(regency.Slug, 2, PaymentChannel.AsnDirect, activeFrom: month);
        await money.RunAsync(regency.Slug, month);
        await regency.InAsync((db, _) => db.Dues.ExecuteUpdateAsync(u => u.SetProperty(d => d.Paid, d => d.Amount).SetProperty(d => d.PaidOn, MoneySeed.Today)));
        var paid = await regency.InAsync((db, _) => db.Dues.Where(d => d.Month == month).SumAsync(d => d.Paid));
        var admin = await regency.AdminAsync();

        var answers = await TwentyAtOnce.SendAsync(i => admin.PostAsJsonAsync($"{regency.Api}/bpjs/remittances",
            new { month = MonthlyRun.MonthText(month), amount = paid, reference = $"TRF-{i}", remittedOn = MoneySeed.Today }));

        await TwentyAtOnce.AssertOneDoneAsync(answers, HttpStatusCode.Created);
        Assert.Equal(1, await regency.InAsync((db, _) => db.BpjsRemittances.CountAsync()));
        _ = seeded;
    }

    [Theory]
    [InlineData("kpj")]
    [InlineData("confirmations")]
    public async Task KeepOneBpjsFileWhenTwentyUploadsOfItArriveAtOnce(string kind)
    {
        var regency = await OwnRegency.NewAsync(app);
        var month = MoneySeed.ThisMonth;
        var seeded = await money.SeedAsync(regency.Slug, 1, PaymentChannel.AsnDirect, activeFrom: month);
        var nik = await NikAsync(regency, seeded.Sponsorships[0]);
        var csv = kind == "kpj" ? $"NIK;No KPJ;Tanggal\n{nik};2{Random.Shared.Next(100_000_000, 999_999_999)}0;15/12/2026\n" : $"NIK,Bulan,Jumlah\n{nik},{MonthlyRun.MonthText(month)},8400\n";
        var admin = await regency.AdminAsync();

        var answers = await TwentyAtOnce.SendAsync(_ =>
        {
            var form = new MultipartFormDataContent();
            var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
            file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
            form.Add(file, "file", $"{kind}.csv");
            return admin.PostAsync($"{regency.Api}/bpjs/{kind}", form);
        });

        await TwentyAtOnce.AssertCleanAsync(answers);
        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.Created);
        var ids = await Task.WhenAll(answers.Select(async a => (await a.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("fileId").GetString()));
        Assert.Single(ids.Distinct());
        Assert.Equal(1, await regency.InAsync((db, _) => db.BpjsFiles.CountAsync()));
    }

    private static Task<string> NikAsync(OwnRegency regency, Guid sponsorship) =>
        regency.InAsync((db, _) => db.Sponsorships.Where(s => s.Id == sponsorship).Select(s => s.Worker!.Nik).SingleAsync());
}
