namespace GotaKeren.Web.Spreadsheets;

/// <summary>How a column title is recognised whatever people type: "No. KPJ", "no_kpj" and "NO KPJ" are all "nokpj".</summary>
internal static class SheetHeader
{
    public static string Key(string header) => new([.. header.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant)]);
}
