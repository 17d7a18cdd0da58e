using System.Net;
using System.Text.RegularExpressions;
using GotaKeren.Testing;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.DependencyInjection;

namespace GotaKeren.IntegrationTests;

/// <summary>
/// Every page URL the app answered before its pages moved into the capability folders (issue 9), written down
/// from the pages' routes at that time. A URL that stops matching answers 404 here.
/// </summary>
public sealed partial class PageRoutesShould(AppFixture app) : IClassFixture<AppFixture>
{
    private const string Regency = "/t/kendal";
    private static readonly string UnknownId = Guid.NewGuid().ToString();

    /// <summary>URL, the account that opens it (null: anonymous) and the answer expected.</summary>
    public static TheoryData<string, string?, int> Urls => new()
    {
        // The platform.
        { "/", null, 200 },
        { "/masuk", null, 200 },
        { "/keluar", null, 302 },
        { "/akses-ditolak", null, 403 },
        { "/galat", null, 500 },
        { "/galat/400", null, 400 },
        { "/platform", "platform", 200 },
        { "/provinsi", "provinsi.33", 200 },

        // A regency: public pages.
        { $"{Regency}/", null, 200 },
        { $"{Regency}/masuk", null, 200 },
        { $"{Regency}/keluar", null, 302 },
        { $"{Regency}/akses-ditolak", null, 403 },
        { $"{Regency}/galat/400", null, 400 },
        { $"{Regency}/aktivasi", null, 200 },
        { $"{Regency}/aktivasi?kode=ABCD", null, 200 },
        { $"{Regency}/perusahaan/daftar", null, 200 },

        // A regency: pages of a role, opened by that role.
        { $"{Regency}/admin", "admin.kendal", 200 },
        { $"{Regency}/aturan", "bupati.kendal", 200 },
        { $"{Regency}/aturan", "admin.kendal", 200 },
        { $"{Regency}/aturan/versi/1", "bupati.kendal", 200 },
        { $"{Regency}/dokumen", "admin.kendal", 200 },
        { $"{Regency}/kepatuhan", "admin.kendal", 200 },
        { $"{Regency}/kepatuhan", "bupati.kendal", 200 },
        { $"{Regency}/lupa-sandi", null, 200 },
        { $"{Regency}/atur-ulang-sandi", null, 200 },
        { "/lupa-sandi", null, 200 },
        { $"{Regency}/opd", "admin.kendal", 200 },
        { $"{Regency}/roster", "admin.kendal", 200 },
        { $"{Regency}/pekerja/impor", "admin.kendal", 200 },
        { $"{Regency}/perusahaan/kelola", "admin.kendal", 200 },
        { $"{Regency}/perlindungan", "asn.kendal", 200 },
        { $"{Regency}/perlindungan/daftar", "asn.kendal", 200 },
        { $"{Regency}/perlindungan/pool", "asn.kendal", 200 },
        { $"{Regency}/bendahara", "bendahara.kendal", 200 },

        // A regency: pages whose route carries an id, or whose role has no demo account. Anonymous, the route
        // matches when it sends the visitor to sign in (authorisation runs after routing, before the page).
        { $"{Regency}/admin", null, 302 },
        { $"{Regency}/aturan", null, 302 },
        { $"{Regency}/aturan/draf/1", null, 302 },
        { $"{Regency}/aturan/versi/1", null, 302 },
        { $"{Regency}/bendahara", null, 302 },
        { $"{Regency}/dokumen", null, 302 },
        { $"{Regency}/dokumen/ubah/sertifikat", null, 302 },
        { $"{Regency}/kepatuhan", null, 302 },
        { $"{Regency}/opd", null, 302 },
        { $"{Regency}/opd/detail/{UnknownId}", null, 302 },
        { $"{Regency}/opd/kodeaktivasi/{UnknownId}", null, 302 },
        { $"{Regency}/pekerja/impor", null, 302 },
        { $"{Regency}/perlindungan", null, 302 },
        { $"{Regency}/perlindungan/daftar", null, 302 },
        { $"{Regency}/perlindungan/detail/{UnknownId}", null, 302 },
        { $"{Regency}/perlindungan/pool", null, 302 },
        { $"{Regency}/perusahaan", null, 302 },
        { $"{Regency}/perusahaan/kelola", null, 302 },
        { $"{Regency}/roster", null, 302 },
        { $"{Regency}/roster/impor/{UnknownId}", null, 302 },
    };

    [Theory]
    [MemberData(nameof(Urls))]
    public async Task KeepEveryUrlThatWorkedBeforeTheMove(string url, string? userName, int expected)
    {
        var client = app.CreateBrowserlessClient();
        var basePath = url.StartsWith(Regency + "/", StringComparison.Ordinal) ? Regency : "";
        if (userName is not null)
        {
            if (userName.StartsWith("asn.", StringComparison.Ordinal) || userName.StartsWith("bendahara.", StringComparison.Ordinal))
            {
                await DemoPeople.LinkAsync(app, "kendal");
            }

            await client.SignInOrFailAsync(basePath, userName);
        }

        var response = await client.GetAsync(url);

        Assert.Equal(expected, (int)response.StatusCode);
        if (expected == 302 && userName is null && !url.EndsWith("/keluar", StringComparison.Ordinal))
        {
            Assert.StartsWith($"{basePath}/masuk?ReturnUrl=", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task KeepThePublicVerificationPageOfACertificate()
    {
        // An unknown code answers 404 from the page itself, which says so in its own words.
        var response = await app.CreateBrowserlessClient().GetAsync($"{Regency}/verifikasi/TIDAKADA");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Kode TIDAKADA tidak dikenal di Kabupaten Kendal.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public void LinkOnlyToPagesThatExist()
    {
        // A page name that no longer exists renders href="" without a word, so every name written in the source is
        // checked against the pages the app has.
        var pages = app.Services.GetRequiredService<IActionDescriptorCollectionProvider>().ActionDescriptors.Items
            .OfType<PageActionDescriptor>()
            .Select(p => p.ViewEnginePath)
            .ToHashSet(StringComparer.Ordinal);
        var web = SourceFolder();
        var references = Directory.EnumerateFiles(web, "*.cs*", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => PageName().Matches(File.ReadAllText(f)).Select(m => (File: Path.GetRelativePath(web, f), Page: m.Groups["page"].Value)))
            .ToList();

        Assert.NotEmpty(references);
        Assert.All(references, r => Assert.True(pages.Contains(r.Page), $"{r.File} names the page {r.Page}, which does not exist."));
    }

    private static string SourceFolder()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "GotaKeren.sln")))
        {
            folder = folder.Parent;
        }

        return Path.Combine(folder?.FullName ?? throw new InvalidOperationException("GotaKeren.sln not found above the test binaries."), "src", "GotaKeren.Web");
    }

    /// <summary>A page named in asp-page, RedirectToPage or Url.Page, or any page-shaped literal (both arms of a conditional).</summary>
    [GeneratedRegex(@"asp-page=""(?<page>/[^""@]+)""|(?:RedirectToPage|Url\.Page)\(""(?<page>[^""]+)""|""(?<page>/[A-Za-z]+/Pages/[A-Za-z]+)""")]
    private static partial Regex PageName();
}
