using GotaKeren.Templating;
using GotaKeren.Templating.Documents;

namespace GotaKeren.UnitTests.Templating;

public sealed class DefaultTemplatesShould
{
    private static readonly TemplateRenderer Renderer = new();
    private static readonly ITemplateSource Defaults = TemplateLookup.Defaults(Repository.Root);

    public static TheoryData<string, string[]> Documents => new()
    {
        { TemplateNames.CircularLetter, ["Surat Edaran", "500.15/2187/2025", "BUPATI SUKOHARJO", "Rp16.800", "enam belas ribu delapan ratus", "10 Desember 2025", "Instruksi Presiden Nomor 2 Tahun 2021", "31 Desember 2025"] },
        { TemplateNames.SalaryDeductionStatement, ["Kesediaan Pemotongan Gaji", "198507142010012015", "Rp25.200", "Januari 2026", "dua puluh lima ribu dua ratus", "Bendahara Pengeluaran"] },
        { TemplateNames.WorkerConsent, ["Persetujuan Pekerja", "Sutarni", "331101********01", "9 Maret 1978", "Nomor 27 Tahun 2022", "PD-2025-01"] },
        { TemplateNames.SponsorCertificate, ["PIAGAM", "PGT/2026/000123", "Dwi Astuti, S.Pd.", "Januari 2026", "Desember 2026", "2 (dua) pekerja rentan", "<svg"] },
        { TemplateNames.CsrCommitment, ["PT Sari Mulia Jaya", "Rp420.000", "Rp5.040.000", "lima juta empat puluh ribu", "1 perusahaan melindungi 5 pekerja rentan"] },
        { TemplateNames.CompanyAward, ["PIAGAM PENGHARGAAN", "PT Sari Mulia Jaya", "Perusahaan Peduli Pekerja Rentan", "25 (dua puluh lima)", "<svg"] },
        { TemplateNames.AchievementAward, ["PIAGAM PENGHARGAAN", "Dinas Pendidikan dan Kebudayaan", "OPD Teladan Partisipasi ASN", "92,5% ASN ikut", "Nomor K7M2P9QW4XRT", "<svg"] },
        { TemplateNames.DeductionList, ["Dinas Pendidikan dan Kebudayaan", "Februari 2026", "Rp95.600", "Sembilan puluh lima ribu enam ratus rupiah", "200012312024211001", "Jumlah (4 ASN)"] },
        { TemplateNames.PaymentReceipt, ["TT/2026/02/004512", "3 Februari 2026 10.24 WIB", "Rp25.200", "Dua puluh lima ribu dua ratus rupiah", "Rp8.400", "<svg"] },
    };

    [Theory]
    [MemberData(nameof(Documents))]
    public async Task RenderWithTheirSampleModel(string template, string[] expected)
    {
        var result = await Renderer.RenderAsync(template, SampleModels.ByTemplate[template], Defaults);

        Assert.True(result.Succeeded, string.Join(Environment.NewLine, result.Errors));
        Assert.StartsWith("<!DOCTYPE html>", result.Html, StringComparison.Ordinal);
        Assert.Contains("class=\"kop\"", result.Html, StringComparison.Ordinal);
        Assert.Contains("data:image/svg+xml;base64,", result.Html, StringComparison.Ordinal);
        Assert.Contains("@page", result.Html, StringComparison.Ordinal);
        foreach (var text in expected)
        {
            Assert.Contains(text, result.Html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task RenderTheSameTemplateFromManyThreadsAlike()
    {
        var expected = (await Renderer.RenderAsync(TemplateNames.SponsorCertificate, SampleModels.SponsorCertificate, Defaults)).EnsureSuccess();
        var outputs = new System.Collections.Concurrent.ConcurrentBag<string>();

        await Parallel.ForAsync(0, 64, async (_, ct) =>
            outputs.Add((await Renderer.RenderAsync(TemplateNames.SponsorCertificate, SampleModels.SponsorCertificate, Defaults, ct)).EnsureSuccess()));

        Assert.All(outputs, html => Assert.Equal(expected, html));
    }

    [Fact]
    public void CoverEveryDocumentWithASampleModel()
    {
        Assert.Equal(
            TemplateNames.Documents.Select(d => d.Name).Order(),
            SampleModels.ByTemplate.Keys.Order());
        Assert.All(
            TemplateNames.Documents.Concat(TemplateNames.Partials),
            d => Assert.True(File.Exists(Path.Combine(Repository.Root, "templates", d.Name + TemplateNames.Extension)), d.Name));
    }

    [Fact]
    public async Task PassValidation()
    {
        foreach (var (name, _) in TemplateNames.Documents.Concat(TemplateNames.Partials))
        {
            var text = await Defaults.FindAsync(name, default);
            Assert.Empty(await Renderer.ValidateAsync(name, text!.Content, Defaults));
        }
    }
}
