namespace GotaKeren.Web.Identity;

/// <summary>
/// Where a person lands after signing in: what they came for, not a welcome page. The ASN sees their obligation
/// and "Daftarkan pekerja", the treasurer the statements awaiting confirmation, the regent the dashboard, an OPD
/// admin the state of compliance, a company its page. Someone with several roles lands on the first in this order.
/// </summary>
public static class Landing
{
    private static readonly (string Role, string? Page)[] Order =
    [
        // The regent came to see how the programme goes: the dashboard, with compliance one click away.
        (Roles.Regent, "/Picture/Pages/Dashboard"),
        // The admin's work is spread over the menu: the regency's home page, as before.
        (Roles.RegencyAdmin, null),
        (Roles.Treasurer, "/Protection/Pages/ConfirmDeductions"),
        (Roles.OpdAdmin, "/Compliance/Pages/ComplianceOverview"),
        (Roles.CompanyOfficer, "/Companies/Pages/MyCompany"),
        (Roles.Asn, "/Protection/Pages/MySponsorships"),
        (Roles.PlatformAdmin, "/Tenancy/Pages/PlatformRegencies"),
        (Roles.ProvinceOfficer, "/Picture/Pages/ProvinceComparison"),
    ];

    /// <summary>The Razor page to open, or null for the home page of the scope.</summary>
    public static string? PageFor(ICollection<string> roles) =>
        Order.Where(o => roles.Contains(o.Role)).Select(o => o.Page).FirstOrDefault();
}
