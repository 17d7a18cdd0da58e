using GotaKeren.Templating.Documents;
using GotaKeren.Web.Contributions;
using GotaKeren.Web.Tenancy;

namespace GotaKeren.Web.Rules;

/// <summary>The circular letter's printable model, written from a version of the rules.</summary>
public static class CircularLetter
{
    /// <summary>
    /// Stamps a draft: "DRAF" across every printed page (a fixed element repeats on each page in print), and in the
    /// PDF's title, whatever the regency's template says.
    /// </summary>
    public static string MarkDraft(string html)
    {
        // A line at the foot of each page that any reader (and text extraction) sees, and a faint diagonal word across the page.
        const string Stamp = "<div aria-hidden=\"true\" style=\"position:fixed;bottom:0;left:0;right:0;text-align:center;font:bold 10pt sans-serif;" +
            "color:#b00000;letter-spacing:1pt\">DRAF - belum terbit, tidak berlaku sebagai surat edaran</div>" +
            "<div aria-hidden=\"true\" style=\"position:fixed;top:38%;left:0;right:0;text-align:center;transform:rotate(-30deg);" +
            "font:bold 110pt sans-serif;letter-spacing:12pt;color:rgba(200,0,0,0.18);z-index:9999;pointer-events:none\">DRAF</div>";
        var titled = System.Text.RegularExpressions.Regex.Replace(html, "<title>", "<title>DRAF - ", System.Text.RegularExpressions.RegexOptions.IgnoreCase);
        var end = titled.LastIndexOf("</body>", StringComparison.OrdinalIgnoreCase);
        return end < 0 ? titled + Stamp : titled.Insert(end, Stamp);
    }

    public static CircularLetterModel Model(RulesVersion version, TenantInfo tenant, Letterhead agencyLetterhead)
    {
        var rules = version.Rules;
        var regency = tenant.Name;
        var place = regency.Replace("Kabupaten ", "", StringComparison.Ordinal);
        var letterhead = agencyLetterhead with { GovernmentName = rules.SignatoryTitle.ToUpperInvariant(), AgencyName = "" };
        var month = new DateOnly(version.EffectiveFrom.Year, version.EffectiveFrom.Month, 1);
        var quote = TariffCalculator.Standard.Quote(OccupationSector.Other, rules.Package, rules.DeclaredIncome, month, publicMoney: false);
        var fullPrice = TariffCalculator.Standard.Quote(OccupationSector.Other, rules.Package, rules.DeclaredIncome, month, publicMoney: true);

        var obligations = new List<string>();
        foreach (var asn in rules.Asn.Where(a => a.Obliged))
        {
            var tiers = string.Concat(asn.Tiers.Select(t => $"; {t.Kind.ToString().ToLowerInvariant()} {t.Value} sekurang-kurangnya {t.MinimumWorkers} pekerja"));
            obligations.Add($"Setiap {ProgrammeRules.Label(asn.Category)} melindungi sekurang-kurangnya {asn.MinimumWorkers} pekerja rentan{tiers}.");
        }

        obligations.Add($"Setiap perusahaan melindungi sekurang-kurangnya {rules.CompanyMinimumWorkers} pekerja rentan melalui program tanggung jawab sosial (CSR).");
        obligations.Add("Kepala Perangkat Daerah mendata keikutsertaan di unit kerjanya dan melaporkannya setiap bulan.");
        obligations.Add("Pekerja yang dilindungi memberikan persetujuan atas pemrosesan data pribadinya sebelum didaftarkan.");

        var deadlines = new List<DeadlineInfo>();
        if (rules.RegistrationDeadline is { } registration)
        {
            deadlines.Add(new DeadlineInfo("Batas pendaftaran pekerja yang dilindungi", registration));
        }

        if (rules.ValidationDeadline is { } validation)
        {
            deadlines.Add(new DeadlineInfo("Batas validasi data", validation));
        }

        return new CircularLetterModel(
            Letterhead: letterhead,
            LetterNumber: rules.LetterNumber,
            Place: place,
            Date: rules.LetterDate,
            Subject: rules.MovementTitle,
            Addressees:
            [
                $"Kepala Perangkat Daerah se-{regency}",
                $"Camat se-{regency}",
                $"Kepala Desa dan Lurah se-{regency}",
                $"Pimpinan Perusahaan di {regency}",
            ],
            MovementTitle: rules.MovementTitle,
            Motto: null,
            Background: $"Banyak pekerja informal di {regency} belum terlindungi jaminan sosial ketenagakerjaan, sehingga kecelakaan kerja "
                + "atau kematian dapat membuat keluarganya jatuh miskin. Pemerintah Daerah mengajak Aparatur Sipil Negara dan dunia usaha "
                + "melindungi pekerja rentan dengan membayarkan iuran BPJS Ketenagakerjaan mereka.",
            LegalBasis: rules.LegalBasis,
            Obligations: obligations,
            Package: new ContributionPackageInfo(
                ProgrammeRules.Label(rules.Package),
                rules.Package == ContributionPackage.JkkJkm
                    ? "Jaminan Kecelakaan Kerja (JKK) dan Jaminan Kematian (JKM)"
                    : "Jaminan Kecelakaan Kerja (JKK), Jaminan Kematian (JKM) dan Jaminan Hari Tua (JHT)",
                fullPrice.Total,
                quote.DiscountApplied
                    ? $"Selama masa keringanan {quote.DiscountLegalBasis} iuran menjadi {Shell.Formats.Rupiah(quote.Total)} per bulan, kecuali dibayar dari APBD/APBN."
                    : $"Dibayar untuk {rules.CoverageMonths} bulan sekaligus, dengan penghasilan dilaporkan {Shell.Formats.Rupiah(rules.DeclaredIncome)}."),
            Channels: [.. rules.Channels.Select(c => new PaymentChannelInfo(ProgrammeRules.Label(c.Channel), c.PublicMoney ? "Dibayar dari uang negara (APBD); tanpa keringanan iuran." : "Dibayar oleh pelindung."))],
            Deadlines: deadlines,
            Occupations: [.. rules.EligibleOccupations.Select(c => OccupationCatalog.Standard.Find(c)?.Name ?? c)],
            Contact: agencyLetterhead.AgencyName.Length > 0 ? agencyLetterhead.AgencyName : null,
            Signatory: new Signatory(rules.SignatoryName, rules.SignatoryTitle),
            CarbonCopies: ["Kepala Kantor Cabang BPJS Ketenagakerjaan", "Arsip"]);
    }
}
