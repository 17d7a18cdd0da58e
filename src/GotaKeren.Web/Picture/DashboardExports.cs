using GotaKeren.Web.Rules;
using GotaKeren.Web.Documents;
using GotaKeren.Web.Shell;
using GotaKeren.Web.Tenancy;
using GotaKeren.Templating.Documents;
using MiniExcelLibs;

namespace GotaKeren.Web.Picture;

/// <summary>
/// The dashboard as the heads of units send it: the same tables as XLSX (one sheet each) and as a PDF report
/// under the regency's letterhead. Aggregates only, so neither is a personal-data export.
/// </summary>
public sealed class DashboardExports(DocumentService documents, TenantContext scope, TimeProvider time)
{
    public static IReadOnlyList<ReportTable> Tables(DashboardView view)
    {
        var tables = new List<ReportTable>();
        if (view.Figures is { } f)
        {
            tables.Add(new("Ringkasan", ["Ukuran", "Nilai"],
            [
                ["ASN wajib", Formats.Number(f.AsnObliged)],
                ["ASN ikut melindungi", Formats.Number(f.AsnParticipating)],
                ["Partisipasi ASN", Percent(view.ParticipationPercent)],
                ["ASN memenuhi kewajiban", Formats.Number(f.AsnCompliant)],
                ["Pekerja terlindungi (aktif)", Formats.Number(f.WorkersActive)],
                ["Pekerja menunggak", Formats.Number(f.WorkersArrears)],
                ["Pekerja gugur bulan ini", Formats.Number(f.WorkersLapsed)],
                ["Perkiraan pekerja rentan", f.Estimate is int e ? Formats.Number(e) : "–"],
                ["Cakupan", Percent(view.CoveragePercent)],
                ["Target cakupan", Percent(f.TargetPercent)],
                ["Perusahaan terverifikasi", Formats.Number(f.CompaniesVerified)],
                ["Perusahaan berkomitmen", Formats.Number(f.CompaniesPledged)],
                ["Perusahaan memenuhi komitmen", Formats.Number(f.CompaniesFulfilled)],
                ["Iuran terutang bulan ini", Formats.Rupiah(f.Owed)],
                ["Iuran dibayar (potong gaji dan langsung)", Formats.Rupiah(f.Paid)],
                ["  di antaranya potong gaji", Formats.Rupiah(f.PaidByDeduction)],
                ["Disetor ke BPJS", Formats.Rupiah(f.Remitted)],
                ["Dikonfirmasi BPJS", Formats.Rupiah(f.Confirmed)],
                ["Manfaat dibayar BPJS (sampai bulan ini)", $"{Formats.Number(f.BenefitsToDate)} kali, {Formats.Rupiah(f.BenefitsAmountToDate)}"],
                ["Iuran dibayar (sampai bulan ini)", Formats.Rupiah(f.PaidToDate)],
            ]));
            tables.Add(new("Tren 12 bulan", ["Bulan", "Terlindungi", "Menunggak", "Gugur", "ASN ikut", "Iuran terutang", "Iuran dibayar"],
                [.. view.Trend.Select(m => (IReadOnlyList<string>)[Formats.Month(m.Month), Formats.Number(m.WorkersActive), Formats.Number(m.WorkersArrears), Formats.Number(m.WorkersLapsed),
                    Formats.Number(m.AsnParticipating), Formats.Rupiah(m.Owed), Formats.Rupiah(m.Paid)])]));
        }
        else
        {
            tables.Add(new("Tren 12 bulan unit", ["Bulan", "ASN wajib", "ASN ikut", "Pekerja terlindungi", "Iuran terutang", "Iuran dibayar"],
                [.. view.UnitTrend.Select(m => (IReadOnlyList<string>)[Formats.Month(m.Month), Formats.Number(m.AsnObliged), Formats.Number(m.AsnParticipating),
                    Formats.Number(m.WorkersProtected), Formats.Rupiah(m.Owed), Formats.Rupiah(m.Paid)])]));
        }

        tables.Add(new("Peringkat OPD menurut partisipasi ASN", ["Peringkat", "OPD", "ASN wajib", "ASN ikut", "Partisipasi", "Pekerja wajib", "Pekerja terlindungi", "Iuran dibayar"],
            [.. view.Units.Select(u => (IReadOnlyList<string>)[u.Rank.ToString(Formats.Indonesian), u.Name, Formats.Number(u.AsnObliged), Formats.Number(u.AsnParticipating),
                Percent(u.ParticipationPercent), Formats.Number(u.WorkersRequired), Formats.Number(u.WorkersProtected), Formats.Rupiah(u.Paid)])]));
        if (view.Figures is not null)
        {
            tables.Add(Breakdown("Pekerja per kecamatan", "Kecamatan", view.Kecamatan));
            tables.Add(Breakdown("Pekerja per pekerjaan", "Pekerjaan", view.Occupations));
        }

        return tables;
    }

    public async Task<byte[]> XlsxAsync(DashboardView view, CancellationToken ct)
    {
        var sheets = new Dictionary<string, object>();
        foreach (var table in Tables(view))
        {
            // Sheet names are at most 31 characters in Excel.
            var name = table.Title.Length > 31 ? table.Title[..31] : table.Title;
            sheets[name] = table.Rows.Count == 0
                ? [table.Columns.ToDictionary(c => c, object? (_) => null)]
                : table.Rows.Select(r => table.Columns.Select((c, i) => (c, r[i])).ToDictionary(x => x.c, object? (x) => x.Item2)).ToList();
        }

        using var stream = new MemoryStream();
        await stream.SaveAsAsync(sheets, cancellationToken: ct);
        return stream.ToArray();
    }

    public async Task<byte[]> PdfAsync(DashboardView view, CancellationToken ct)
    {
        var letterhead = await documents.LetterheadAsync(ct);
        var agency = System.Globalization.CultureInfo.GetCultureInfo("id-ID").TextInfo.ToTitleCase(letterhead.AgencyName.ToLowerInvariant());
        var model = new DashboardReportModel(
            letterhead, view.Month, view.Unit is { Length: > 0 } unit ? $"{unit}, {view.Regency}" : view.Regency, Tables(view),
            new Signatory("........................", view.Unit is { Length: > 0 } u ? $"Kepala {u}" : $"Kepala {agency}".Trim()),
            scope.Tenant!.Name.Replace("Kabupaten ", "", StringComparison.Ordinal), time.Today(scope.Tenant.TimeZone));
        return await documents.RenderPdfAsync(Templating.TemplateNames.DashboardReport, model, ct);
    }

    private static ReportTable Breakdown(string title, string what, IReadOnlyList<BreakdownLine> lines) =>
        new(title, [what, "Terlindungi", "Menunggak", "Gugur bulan ini", "Iuran dibayar"],
            [.. lines.Select(l => (IReadOnlyList<string>)[l.Name, Formats.Number(l.Active), Formats.Number(l.Arrears), Formats.Number(l.Lapsed), Formats.Rupiah(l.Paid)])]);

    public static string Percent(decimal? value) => value is { } v ? Formats.Percent(v) : "–";
}
