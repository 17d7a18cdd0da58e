using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using GotaKeren.IntegrationTests.Contributions;
using GotaKeren.Testing;
using GotaKeren.Web.Audit;
using GotaKeren.Web.Bpjs;
using GotaKeren.Web.Contributions;
using GotaKeren.Web.Rules;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;

namespace GotaKeren.IntegrationTests.Payments;

/// <summary>
/// The files the regency exchanges with BPJS Ketenagakerjaan, through the API as the admin uses them: the
/// registration batch out, the KPJ numbers and payment confirmations in, the remittance per month.
/// </summary>
public sealed class BpjsFilesShould(AppFixture app) : IClassFixture<AppFixture>
{
    private const string Slug = "sukoharjo";
    private readonly MoneySeed money = new(app);

    [Fact]
    public async Task HandBpjsTheActiveWorkersWithoutAKpjInTheRegencysOwnColumns()
    {
        var seeded = await money.SeedAsync(Slug, 2, PaymentChannel.AsnDirect, activeFrom: MoneySeed.ThisMonth);
        var niks = await NiksAsync(seeded.Sponsorships);
        await app.InTenantAsync(Slug, (db, _) => db.Workers.Where(w => w.Nik == niks[1]).ExecuteUpdateAsync(u => u.SetProperty(w => w.Kpj, "12345678901")));
        var admin = await app.TokenClientAsync(Slug, $"admin.{Slug}");
        var exportsBefore = await ExportsAsync();

        var rows = await SheetAsync(await admin.GetByteArrayAsync($"/t/{Slug}/api/v1/bpjs/registrations.xlsx"));

        Assert.Contains(rows, r => (string?)r["NIK"] == niks[0]);
        Assert.DoesNotContain(rows, r => (string?)r["NIK"] == niks[1]);
        var row = rows.Single(r => (string?)r["NIK"] == niks[0]);
        Assert.Equal(BpjsExchange.Columns.Select(c => c.Header), row.Keys);
        Assert.Equal((seeded.WorkerNames[0], "Petani"), ((string?)row["Nama"], (string?)row["Pekerjaan"]));
        Assert.Equal(exportsBefore + 1, await ExportsAsync());

        await app.InTenantAsync(Slug, (_, sp) => sp.GetRequiredService<BpjsExchange>().SaveProfileAsync(["nik", "nama", "kecamatan"], "uji", CancellationToken.None));
        var narrowed = await SheetAsync(await admin.GetByteArrayAsync($"/t/{Slug}/api/v1/bpjs/registrations.xlsx"));
        Assert.Equal(["NIK", "Nama", "Kecamatan"], narrowed[0].Keys);
        await app.InTenantAsync(Slug, (_, sp) => sp.GetRequiredService<BpjsExchange>().SaveProfileAsync([.. BpjsExchange.Columns.Select(c => c.Key)], "uji", CancellationToken.None));
    }

    [Fact]
    public async Task ReadKpjNumbersOnceListStrangersAndRefuseADamagedFileWhole()
    {
        var seeded = await money.SeedAsync(Slug, 2, PaymentChannel.AsnDirect, activeFrom: MoneySeed.ThisMonth);
        var niks = await NiksAsync(seeded.Sponsorships);
        var admin = await app.TokenClientAsync(Slug, $"admin.{Slug}");
        var stranger = "3311019912990001";
        var (kpj0, kpj1) = (Kpj(), Kpj());

        var damaged = await UploadAsync(admin, "kpj", $"NIK;No KPJ;Tanggal\n{niks[0]};{kpj0};15/12/2026\n{niks[1]};1234567890;15/12/2026\n{niks[1]};{kpj1};tidak tahu\n");
        Assert.Equal("Refused", damaged.GetProperty("status").GetString());
        Assert.Equal([3, 4], damaged.GetProperty("problems").EnumerateArray().Select(p => p.GetProperty("row").GetInt32()));
        Assert.Contains("11 digit", damaged.GetProperty("problems")[0].GetProperty("message").GetString());
        var refusedCommit = await admin.PostAsync($"/t/{Slug}/api/v1/bpjs/kpj/{damaged.GetProperty("fileId").GetString()}/commit", null);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refusedCommit.StatusCode);
        Assert.Null(await KpjOfAsync(niks[0]));

        var csv = $"NIK;No KPJ;Tanggal\n{niks[0]};{kpj0};15/12/2026\n{stranger};{Kpj()};15/12/2026\n";
        var preview = await UploadAsync(admin, "kpj", csv);
        Assert.Equal(("Preview", 2, 1, 0), (preview.GetProperty("status").GetString(), preview.GetProperty("rows").GetInt32(), preview.GetProperty("applicable").GetInt32(), preview.GetProperty("unchanged").GetInt32()));
        var mismatch = Assert.Single(preview.GetProperty("mismatches").EnumerateArray());
        Assert.Equal((3, stranger), (mismatch.GetProperty("row").GetInt32(), mismatch.GetProperty("nik").GetString()));
        Assert.Contains("tidak terdaftar", mismatch.GetProperty("detail").GetString());

        var commits = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => admin.PostAsync($"/t/{Slug}/api/v1/bpjs/kpj/{preview.GetProperty("fileId").GetString()}/commit", null)));
        Assert.All(commits, c => Assert.Equal(HttpStatusCode.OK, c.StatusCode));
        Assert.Equal(kpj0, await KpjOfAsync(niks[0]));

        var again = await UploadRawAsync(admin, "kpj", csv);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(preview.GetProperty("fileId").GetString(), (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("fileId").GetString());
        var resent = await UploadAsync(admin, "kpj", csv.Replace("15/12/2026", "2026-12-15", StringComparison.Ordinal));
        Assert.Equal((0, 1), (resent.GetProperty("applicable").GetInt32(), resent.GetProperty("unchanged").GetInt32()));
        var taken = await UploadAsync(admin, "kpj", $"NIK;KPJ;Tanggal\n{niks[1]};{kpj0};2026-12-16\n");
        Assert.Contains("pekerja lain", Assert.Single(taken.GetProperty("mismatches").EnumerateArray()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Null(await KpjOfAsync(niks[1]));
    }

    [Fact]
    public async Task ConfirmOnlyPaidMonthsOfTheRightAmountAndListEveryOtherRow()
    {
        var month = MoneySeed.ThisMonth;
        var seeded = await money.SeedAsync(Slug, 3, PaymentChannel.AsnDirect, activeFrom: month);
        await money.RunAsync(Slug, month);
        var dues = await money.DuesAsync(Slug, seeded.Sponsorships);
        var niks = await NiksAsync(seeded.Sponsorships);
        var paid = dues.Where(d => d.SponsorshipId != seeded.Sponsorships[2]).Select(d => d.Id).ToList();
        await app.InTenantAsync(Slug, (db, _) => db.Dues.Where(d => paid.Contains(d.Id)).ExecuteUpdateAsync(u => u.SetProperty(d => d.Paid, d => d.Amount).SetProperty(d => d.PaidOn, MoneySeed.Today)));
        var amount = dues[0].Amount;
        var admin = await app.TokenClientAsync(Slug, $"admin.{Slug}");
        var text = MonthlyRun.MonthText(month);

        var preview = await UploadAsync(admin, "confirmations",
            $"NIK,Bulan,Jumlah\n{niks[0]},{text},{amount}\n{niks[1]},{text},{amount + 100}\n{niks[2]},{text},{amount}\n3311019912990002,{text},{amount}\n{niks[0]},{MonthlyRun.MonthText(month.AddMonths(5))},{amount}\n");

        Assert.Equal(("Preview", 5, 1), (preview.GetProperty("status").GetString(), preview.GetProperty("rows").GetInt32(), preview.GetProperty("applicable").GetInt32()));
        var details = preview.GetProperty("mismatches").EnumerateArray().Select(m => (m.GetProperty("row").GetInt32(), m.GetProperty("detail").GetString()!)).ToList();
        Assert.Equal([3, 4, 5, 6], details.Select(d => d.Item1));
        Assert.Contains("Jumlah berbeda", details[0].Item2);
        Assert.Contains("belum lunas", details[1].Item2);
        Assert.Contains("tidak terdaftar", details[2].Item2);
        Assert.Contains("tidak terutang", details[3].Item2);

        // Twenty clicks at once: the file is applied once, and every click is told it is applied.
        var commits = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => admin.PostAsync($"/t/{Slug}/api/v1/bpjs/confirmations/{preview.GetProperty("fileId").GetString()}/commit", null)));
        Assert.All(commits, c => Assert.Equal(HttpStatusCode.OK, c.StatusCode));
        var after = await money.DuesAsync(Slug, seeded.Sponsorships);
        Assert.Equal([amount, null, null], after.OrderBy(d => seeded.Sponsorships.IndexOf(d.SponsorshipId)).Select(d => d.BpjsConfirmedAmount));

        var page = await (await app.TokenClientAsync(Slug, $"admin.{Slug}")).GetStringAsync($"/t/{Slug}/perlindungan/detail/{seeded.Sponsorships[0]}");
        Assert.Contains("terkonfirmasi BPJS", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RefuseNumbersExcelDamagedInTheConfirmationFile()
    {
        var admin = await app.TokenClientAsync(Slug, $"admin.{Slug}");

        var preview = await UploadAsync(admin, "confirmations", "NIK;Bulan;Jumlah\n3.31101E+15;2026-12;8400\n3311011205800001;bulan lalu;8400\n3311011205800002;2026-12;-5\n");

        Assert.Equal("Refused", preview.GetProperty("status").GetString());
        var problems = preview.GetProperty("problems").EnumerateArray().Select(p => (p.GetProperty("row").GetInt32(), p.GetProperty("column").GetString())).ToList();
        Assert.Equal([(2, "NIK"), (3, "Bulan"), (4, "Jumlah")], problems);
        Assert.Contains("notasi ilmiah", preview.GetProperty("problems")[0].GetProperty("message").GetString());
    }

    [Fact]
    public async Task RecordTheRemittanceOfAMonthOnceAndNoMoreThanWasPaid()
    {
        var month = MoneySeed.ThisMonth.AddMonths(-1);
        var seeded = await money.SeedAsync(Slug, 2, PaymentChannel.AsnDirect, activeFrom: month);
        await money.RunAsync(Slug, month);
        var dues = await money.DuesAsync(Slug, seeded.Sponsorships);
        var ids = dues.Select(d => d.Id).ToList();
        await app.InTenantAsync(Slug, (db, _) => db.Dues.Where(d => ids.Contains(d.Id)).ExecuteUpdateAsync(u => u.SetProperty(d => d.Paid, d => d.Amount).SetProperty(d => d.PaidOn, MoneySeed.Today)));
        var admin = await app.TokenClientAsync(Slug, $"admin.{Slug}");
        var paidInMonth = await app.InTenantAsync(Slug, (db, _) => db.Dues.Where(d => d.Month == month).SumAsync(d => d.Paid));

        var tooMuch = await admin.PostAsJsonAsync($"/t/{Slug}/api/v1/bpjs/remittances", new { month = MonthlyRun.MonthText(month), amount = paidInMonth + 1, reference = "TRF-1", remittedOn = MoneySeed.Today });
        var first = await admin.PostAsJsonAsync($"/t/{Slug}/api/v1/bpjs/remittances", new { month = MonthlyRun.MonthText(month), amount = paidInMonth, reference = "TRF-2", remittedOn = MoneySeed.Today });
        var second = await admin.PostAsJsonAsync($"/t/{Slug}/api/v1/bpjs/remittances", new { month = MonthlyRun.MonthText(month), amount = 1, reference = "TRF-3", remittedOn = MoneySeed.Today });

        Assert.Equal((HttpStatusCode.UnprocessableEntity, HttpStatusCode.Created, HttpStatusCode.UnprocessableEntity), (tooMuch.StatusCode, first.StatusCode, second.StatusCode));
        Assert.Contains("melebihi", await tooMuch.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("sudah tercatat", await second.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var niks = await NiksAsync(seeded.Sponsorships);
        using var sheet = new MemoryStream(await admin.GetByteArrayAsync($"/t/{Slug}/api/v1/bpjs/remittances/{MonthlyRun.MonthText(month)}.xlsx"));
        var perNik = sheet.Query(useHeaderRow: true, sheetName: "Per NIK").Cast<IDictionary<string, object?>>().ToList();
        Assert.All(niks, nik => Assert.Contains(perNik, r => (string?)r["NIK"] == nik));
        sheet.Position = 0;
        var total = sheet.Query(useHeaderRow: true, sheetName: "Per cara bayar").Cast<IDictionary<string, object?>>().Single(r => (string?)r["Cara bayar"] == "Jumlah");
        Assert.Equal(paidInMonth, Convert.ToInt64(total["Dibayar penyantun"], System.Globalization.CultureInfo.InvariantCulture));
        var letter = await PdfText.ExtractAsync(await admin.GetByteArrayAsync($"/t/{Slug}/api/v1/bpjs/remittances/{MonthlyRun.MonthText(month)}.pdf"));
        Assert.Contains("TRF-2", letter, StringComparison.Ordinal);
        Assert.Contains(Web.Shell.Formats.Rupiah(paidInMonth)[2..], letter, StringComparison.Ordinal);
        Assert.Contains("SUKOHARJO", letter.ToUpperInvariant(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task KeepOneRegencysBpjsFilesAndWorkersFromAnother()
    {
        var seeded = await money.SeedAsync(Slug, 1, PaymentChannel.AsnDirect, activeFrom: MoneySeed.ThisMonth);
        var nik = (await NiksAsync(seeded.Sponsorships))[0];
        var admin = await app.TokenClientAsync(Slug, $"admin.{Slug}");
        var kendal = await app.TokenClientAsync("kendal", "admin.kendal");
        var mine = await UploadAsync(admin, "kpj", $"NIK;KPJ;Tanggal\n{nik};{Kpj()};2026-12-01\n");

        var seen = await kendal.GetAsync($"/t/kendal/api/v1/bpjs/files/{mine.GetProperty("fileId").GetString()}");
        var theirs = await UploadAsync(kendal, "kpj", $"NIK;KPJ;Tanggal\n{nik};{Kpj()};2026-12-01\n", "kendal");
        var batch = await SheetAsync(await kendal.GetByteArrayAsync("/t/kendal/api/v1/bpjs/registrations.xlsx"));

        Assert.Equal(HttpStatusCode.NotFound, seen.StatusCode);
        Assert.Contains("tidak terdaftar", theirs.GetProperty("mismatches")[0].GetProperty("detail").GetString());
        Assert.DoesNotContain(batch, r => (string?)r["NIK"] == nik);
        var asn = await app.TokenClientAsync(Slug, $"asn.{Slug}");
        Assert.Equal(HttpStatusCode.Forbidden, (await asn.GetAsync($"/t/{Slug}/api/v1/bpjs/registrations.xlsx")).StatusCode);
    }

    private static int kpjSerial;

    private static string Kpj() => $"2{Environment.ProcessId % 1000:000}{Interlocked.Increment(ref kpjSerial):0000000}";

    private Task<List<string>> NiksAsync(List<Guid> sponsorships) =>
        app.InTenantAsync(Slug, async (db, _) =>
        {
            var pairs = await db.Sponsorships.Where(s => sponsorships.Contains(s.Id)).Select(s => new { s.Id, s.Worker!.Nik }).ToListAsync();
            return sponsorships.Select(id => pairs.Single(p => p.Id == id).Nik).ToList();
        });

    private Task<string?> KpjOfAsync(string nik) => app.InTenantAsync(Slug, (db, _) => db.Workers.Where(w => w.Nik == nik).Select(w => w.Kpj).SingleAsync());

    private Task<int> ExportsAsync() => app.InTenantAsync(Slug, (db, _) => db.AuditEvents.CountAsync(e => e.Action == AuditActions.PersonalDataExport && e.Detail!.StartsWith("Daftar pendaftaran BPJS")));

    private static List<IDictionary<string, object?>> SheetRows(byte[] xlsx)
    {
        using var stream = new MemoryStream(xlsx);
        return [.. stream.Query(useHeaderRow: true).Cast<IDictionary<string, object?>>()];
    }

    private static Task<List<IDictionary<string, object?>>> SheetAsync(byte[] xlsx) => Task.FromResult(SheetRows(xlsx));

    private static async Task<HttpResponseMessage> UploadRawAsync(HttpClient client, string kind, string csv, string slug = Slug)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", $"{kind}.csv");
        return await client.PostAsync($"/t/{slug}/api/v1/bpjs/{kind}", form);
    }

    private static async Task<JsonElement> UploadAsync(HttpClient client, string kind, string csv, string slug = Slug)
    {
        var response = await UploadRawAsync(client, kind, csv, slug);
        Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
