namespace GotaKeren.Web.Identity;

public static class Roles
{
    // Regency roles.
    public const string RegencyAdmin = nameof(RegencyAdmin);
    public const string Regent = nameof(Regent);
    public const string OpdAdmin = nameof(OpdAdmin);
    public const string Treasurer = nameof(Treasurer);
    public const string Asn = nameof(Asn);
    public const string CompanyOfficer = nameof(CompanyOfficer);
    public const string BpjsOfficer = nameof(BpjsOfficer);

    // Platform roles.
    public const string ProvinceOfficer = nameof(ProvinceOfficer);
    public const string PlatformAdmin = nameof(PlatformAdmin);

    public static readonly string[] Tenant = [RegencyAdmin, Regent, OpdAdmin, Treasurer, Asn, CompanyOfficer, BpjsOfficer];
    public static readonly string[] Platform = [ProvinceOfficer, PlatformAdmin];
    public static readonly string[] All = [.. Tenant, .. Platform];

    public static string Label(string role) => role switch
    {
        RegencyAdmin => "Admin Kabupaten (Disnaker)",
        Regent => "Bupati",
        OpdAdmin => "Admin OPD",
        Treasurer => "Bendahara OPD",
        Asn => "ASN",
        CompanyOfficer => "Petugas Perusahaan",
        BpjsOfficer => "Petugas BPJS Ketenagakerjaan",
        ProvinceOfficer => "Petugas Provinsi",
        PlatformAdmin => "Admin Platform",
        _ => role,
    };
}

/// <summary>Pages and endpoints name a policy, never a role list.</summary>
public static class Policies
{
    public const string RegencyAdmin = "policy:regency-admin";
    public const string Regent = "policy:regent";
    public const string RegencyStaff = "policy:regency-staff";
    public const string Treasurer = "policy:treasurer";
    public const string Asn = "policy:asn";
    public const string CompanyOfficer = "policy:company-officer";

    /// <summary>Those who register workers and sponsorships: the regency admin, ASN, treasurers, OPD admins, companies.</summary>
    public const string Protection = "policy:protection";
    public const string BpjsOfficer = "policy:bpjs-officer";

    /// <summary>The files exchanged with BPJS (registration, KPJ, confirmations, remittance): the BPJS officer and the regency admin.</summary>
    public const string BpjsDesk = "policy:bpjs-desk";

    /// <summary>The salary-deduction lists and result files: a treasurer (own unit) and the regency admin (all).</summary>
    public const string Deductions = "policy:deductions";

    /// <summary>Who reads compliance: the regency admin and the regent (every unit), an OPD admin (their unit).</summary>
    public const string Compliance = "policy:compliance";
    public const string ProvinceOfficer = "policy:province-officer";

    /// <summary>The regency's dashboard: the admin and the regent (every unit), an OPD admin (their unit).</summary>
    public const string Dashboard = "policy:dashboard";

    /// <summary>The province comparison: a province officer (their province) or the platform admin (every province).</summary>
    public const string ProvincePicture = "policy:province-picture";
    public const string PlatformAdmin = "policy:platform-admin";
}
