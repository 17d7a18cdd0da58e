using GotaKeren.Web.Contributions;

namespace GotaKeren.Web.Rules;

public enum AsnCategory
{
    Pns,
    Pppk,
    NonPns,
}

public enum TierKind
{
    Golongan,
    Eselon,
}

public enum CompanySize
{
    Mikro,
    Kecil,
    Menengah,
    Besar,
}

public enum PaymentChannel
{
    SalaryDeduction,
    AsnDirect,
    CompanyOnline,
    BankTransfer,
    RegencyBudget,
}

/// <summary>
/// What a regent's circular letter (Surat Edaran) decides, as typed data every feature obeys. Settable
/// properties so the same shape reads from tenant.yaml, from the draft form and from JSON.
/// </summary>
public sealed class ProgrammeRules
{
    public string LetterNumber { get; set; } = "";
    public DateOnly LetterDate { get; set; }
    public string SignatoryName { get; set; } = "";
    public string SignatoryTitle { get; set; } = "";
    public List<string> LegalBasis { get; set; } = [];
    public string MovementTitle { get; set; } = "";

    public List<AsnObligation> Asn { get; set; } = [];
    public int CompanyMinimumWorkers { get; set; } = 5;
    public List<CompanySizeMinimum> CompanyBySize { get; set; } = [];

    public List<ChannelRule> Channels { get; set; } = [];

    public ContributionPackage Package { get; set; } = ContributionPackage.JkkJkm;
    public long DeclaredIncome { get; set; } = 1_000_000;
    public int CoverageMonths { get; set; } = 1;

    /// <summary>Day of the coverage month by which its contribution is due (BPJS: the 15th).</summary>
    public int DueDay { get; set; } = 15;

    /// <summary>Unpaid months in a row that can still be paid; one more and the membership lapses (BPJS: 3).</summary>
    public int GraceMonths { get; set; } = 3;

    /// <summary>Day of the month before a coverage month by which each unit's salary-deduction list is locked.</summary>
    public int DeductionCutOffDay { get; set; } = 20;

    /// <summary>How many months ahead a sponsor who pays directly may pay at once (online or by transfer).</summary>
    public List<int> PayAheadMonths { get; set; } = [1, 3, 6, 12];

    public DateOnly? RegistrationDeadline { get; set; }
    public DateOnly? ValidationDeadline { get; set; }
    public List<int> ReminderDaysBefore { get; set; } = [];

    public List<string> EligibleOccupations { get; set; } = [];

    public static readonly int[] CoverageChoices = [1, 3, 6, 12];

    public static string Label(AsnCategory category) => category switch
    {
        AsnCategory.Pns => "PNS",
        AsnCategory.Pppk => "PPPK",
        _ => "Non-PNS",
    };

    public static string Label(PaymentChannel channel) => channel switch
    {
        PaymentChannel.SalaryDeduction => "Potong gaji oleh bendahara OPD (dengan surat pernyataan bersedia)",
        PaymentChannel.AsnDirect => "ASN membayar langsung",
        PaymentChannel.CompanyOnline => "Perusahaan membayar daring",
        PaymentChannel.BankTransfer => "Transfer bank",
        _ => "APBD kabupaten",
    };

    public static string Label(ContributionPackage package) => package switch
    {
        ContributionPackage.JkkJkm => "JKK + JKM",
        _ => "JKK + JKM + JHT",
    };

    public static string Label(CompanySize size) => size switch
    {
        CompanySize.Mikro => "Mikro",
        CompanySize.Kecil => "Kecil",
        CompanySize.Menengah => "Menengah",
        _ => "Besar",
    };
}

public sealed class AsnObligation
{
    public AsnCategory Category { get; set; }
    public bool Obliged { get; set; } = true;
    public int MinimumWorkers { get; set; } = 1;

    /// <summary>Higher minimums by rank, e.g. echelon II protects 2 (Cianjur grades by golongan).</summary>
    public List<ObligationTier> Tiers { get; set; } = [];
}

public sealed class ObligationTier
{
    public TierKind Kind { get; set; }
    public string Value { get; set; } = "";
    public int MinimumWorkers { get; set; } = 1;
}

public sealed class CompanySizeMinimum
{
    public CompanySize Size { get; set; }
    public int MinimumWorkers { get; set; } = 5;
}

public sealed class ChannelRule
{
    public PaymentChannel Channel { get; set; }

    /// <summary>Paid from APBN/APBD: the PP 50/2025 discount does not apply.</summary>
    public bool PublicMoney { get; set; }
}
