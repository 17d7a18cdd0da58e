using System.Net;
using GotaKeren.IntegrationTests.Parallel;
using GotaKeren.Testing;
using GotaKeren.Web.Identity;
using Microsoft.EntityFrameworkCore;

namespace GotaKeren.IntegrationTests;

/// <summary>The waiting list a sponsor searches: its count stops at a thousand past the page, its pages do not.</summary>
public sealed class WaitingListShould(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task SayMoreThanAThousandWaitInsteadOfCountingThemAllAndStillPageOn()
    {
        var regency = await OwnRegency.NewAsync(app);
        // 1,003 workers waiting in one kecamatan, and 7 in another.
        await regency.InAsync((db, _) => db.Database.ExecuteSqlRawAsync("""
            INSERT INTO workers (tenant_id, id, nik, full_name, name_key, birth_date, sex, occupation_code, village_code, declared_income, source, created_at, created_by)
            SELECT current_setting('app.tenant_id')::uuid, gen_random_uuid(), '33110112058' || lpad(n::text, 5, '0'), 'Menunggu ' || n, 'menunggu ' || lpad(n::text, 5, '0'),
                   DATE '1980-05-12', 'Male', 'petani', CASE WHEN n <= 1003 THEN '33.11.01.2001' ELSE '33.11.02.2001' END, 1000000, 'Imported', now(), 'test'
            FROM generate_series(1, 1010) AS n
            """));
        var asn = await regency.BrowserAsync($"asn.{regency.Slug}", Roles.Asn);
        var pool = $"/t/{regency.Slug}/perlindungan/pool";

        var first = WebUtility.HtmlDecode(await asn.GetStringAsync($"{pool}?kecamatan=33.11.01"));
        var last = WebUtility.HtmlDecode(await asn.GetStringAsync($"{pool}?kecamatan=33.11.01&halaman=21"));
        var small = WebUtility.HtmlDecode(await asn.GetStringAsync($"{pool}?kecamatan=33.11.02"));

        Assert.Contains("Lebih dari 1.000 pekerja belum punya pelindung.", first, StringComparison.Ordinal);
        Assert.Contains("halaman=2", first, StringComparison.Ordinal);
        // Page 21 holds the last three: the count is exact again that close to the end, and there is no next page.
        Assert.Contains(">1.003 pekerja belum punya pelindung.", last, StringComparison.Ordinal);
        Assert.Contains("Menunggu 1003", last, StringComparison.Ordinal);
        Assert.DoesNotContain("halaman=22", last, StringComparison.Ordinal);
        Assert.Contains(">7 pekerja belum punya pelindung.", small, StringComparison.Ordinal);
    }
}
