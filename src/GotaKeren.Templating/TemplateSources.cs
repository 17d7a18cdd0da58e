using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace GotaKeren.Templating;

public enum TemplateOrigin
{
    /// <summary>A version a tenant saved through the app (database).</summary>
    Stored,

    /// <summary>A file under <c>tenants/&lt;slug&gt;/templates/</c>.</summary>
    TenantFolder,

    /// <summary>A default under <c>templates/</c>.</summary>
    Default,
}

/// <summary>A template's text and where it was found.</summary>
public sealed record TemplateText(string Name, string Content, TemplateOrigin Origin);

/// <summary>Finds a template's text by name. The only way a template reaches other templates (includes).</summary>
public interface ITemplateSource
{
    ValueTask<TemplateText?> FindAsync(string name, CancellationToken ct);
}

/// <summary>Template names are identifiers, never paths: this keeps includes away from the file system.</summary>
public static partial class TemplateNames
{
    public const string Extension = ".sbn-html";

    public const string Letterhead = "letterhead";
    public const string PrintStyle = "print-style";
    public const string CircularLetter = "circular-letter";
    public const string SalaryDeductionStatement = "salary-deduction-statement";
    public const string WorkerConsent = "worker-consent";
    public const string SponsorCertificate = "sponsor-certificate";
    public const string CsrCommitment = "csr-commitment";
    public const string CompanyAward = "company-award";
    public const string DeductionList = "deduction-list";
    public const string PaymentReceipt = "payment-receipt";
    public const string BpjsRemittance = "bpjs-remittance";
    public const string DashboardReport = "dashboard-report";
    public const string AchievementAward = "achievement-award";
    public const string PersonalData = "personal-data";
    public const string BreachNotice = "breach-notice";

    /// <summary>The documents a tenant can print, with the title people see, in menu order.</summary>
    public static IReadOnlyList<(string Name, string Title)> Documents { get; } =
    [
        (CircularLetter, "Surat edaran"),
        (SalaryDeductionStatement, "Surat pernyataan kesediaan potong gaji ASN"),
        (WorkerConsent, "Persetujuan pekerja atas pemrosesan data dan pendaftaran BPJS"),
        (SponsorCertificate, "Piagam orang tua asuh"),
        (CsrCommitment, "Surat komitmen CSR perusahaan"),
        (CompanyAward, "Piagam penghargaan perusahaan"),
        (DeductionList, "Daftar potongan bulanan OPD"),
        (PaymentReceipt, "Tanda terima pembayaran iuran"),
        (BpjsRemittance, "Rekapitulasi setoran iuran ke BPJS"),
        (DashboardReport, "Laporan capaian bulanan (dasbor)"),
        (AchievementAward, "Piagam penghargaan OPD, perusahaan dan penggerak"),
        (PersonalData, "Salinan data pribadi (permintaan akses UU PDP)"),
        (BreachNotice, "Pemberitahuan kegagalan pelindungan data pribadi"),
    ];

    /// <summary>Partials every document includes; editable like the documents.</summary>
    public static IReadOnlyList<(string Name, string Title)> Partials { get; } =
    [
        (Letterhead, "Kop surat"),
        (PrintStyle, "Gaya cetak (CSS)"),
    ];

    public static bool IsValid(string? name) => name is not null && NamePattern().IsMatch(name);

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();
}

/// <summary>
/// Reads <c>&lt;folder&gt;/&lt;name&gt;.sbn-html</c>; a missing folder or file is simply "not here". The text is
/// kept until the file's time stamp or size changes, so an edit on disk shows at the next render.
/// </summary>
public sealed class DirectoryTemplateSource(string folder, TemplateOrigin origin) : ITemplateSource
{
    // Shared by path: the app builds a lookup per request, the files outlive it.
    private static readonly ConcurrentDictionary<string, (DateTime Written, long Length, string Content)> Cache = new();

    public string Folder { get; } = Path.GetFullPath(folder);

    public async ValueTask<TemplateText?> FindAsync(string name, CancellationToken ct)
    {
        if (!TemplateNames.IsValid(name))
        {
            return null;
        }

        var file = new FileInfo(Path.Combine(Folder, name + TemplateNames.Extension));
        if (!file.Exists)
        {
            return null;
        }

        if (!Cache.TryGetValue(file.FullName, out var known) || known.Written != file.LastWriteTimeUtc || known.Length != file.Length)
        {
            known = (file.LastWriteTimeUtc, file.Length, await File.ReadAllTextAsync(file.FullName, ct));
            Cache[file.FullName] = known;
        }

        return new TemplateText(name, known.Content, origin);
    }
}

/// <summary>Adapts the app's store of tenant-edited templates (a database table, typically).</summary>
public sealed class DelegateTemplateSource(Func<string, CancellationToken, ValueTask<string?>> find) : ITemplateSource
{
    public async ValueTask<TemplateText?> FindAsync(string name, CancellationToken ct)
    {
        if (!TemplateNames.IsValid(name))
        {
            return null;
        }

        return await find(name, ct) is { } content ? new TemplateText(name, content, TemplateOrigin.Stored) : null;
    }
}

/// <summary>Asks each source in turn; the first that has the template wins.</summary>
public sealed class LayeredTemplateSource(IReadOnlyList<ITemplateSource> layers) : ITemplateSource
{
    public IReadOnlyList<ITemplateSource> Layers { get; } = layers;

    public async ValueTask<TemplateText?> FindAsync(string name, CancellationToken ct)
    {
        foreach (var layer in Layers)
        {
            if (await layer.FindAsync(name, ct) is { } found)
            {
                return found;
            }
        }

        return null;
    }
}

/// <summary>The lookup order for one tenant: its stored version, its folder, then the platform default.</summary>
public static partial class TemplateLookup
{
    /// <param name="contentRoot">The folder that holds <c>tenants/</c> and <c>templates/</c> (the repository root
    /// in development, the app's content root when deployed).</param>
    /// <param name="stored">The app's store of tenant-edited templates, if any.</param>
    public static ITemplateSource ForTenant(string contentRoot, string tenantSlug, ITemplateSource? stored = null)
    {
        if (!SlugPattern().IsMatch(tenantSlug))
        {
            throw new ArgumentException($"'{tenantSlug}' is not a tenant slug.", nameof(tenantSlug));
        }

        var layers = new List<ITemplateSource>(3);
        if (stored is not null)
        {
            layers.Add(stored);
        }

        layers.Add(new DirectoryTemplateSource(
            Path.Combine(contentRoot, "tenants", tenantSlug.ToLowerInvariant(), "templates"),
            TemplateOrigin.TenantFolder));
        layers.Add(Defaults(contentRoot));
        return new LayeredTemplateSource(layers);
    }

    public static ITemplateSource Defaults(string contentRoot) =>
        new DirectoryTemplateSource(Path.Combine(contentRoot, "templates"), TemplateOrigin.Default);

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9-]{0,62}$", RegexOptions.CultureInvariant)]
    private static partial Regex SlugPattern();
}
