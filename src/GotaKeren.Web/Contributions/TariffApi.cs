using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GotaKeren.Web.Contributions;

public static class TariffApi
{
    public sealed record QuoteResponse(long Jkk, long Jkm, long Jht, long Total, bool DiscountApplied, long DeclaredIncome, string Month, string Sector, string? DiscountLegalBasis);

    public sealed record OccupationResponse(string Code, string Name, string Sector);

    public static void MapTariffApi(this RouteGroupBuilder api)
    {
        api.MapGet("/tariff/quote", Results<Ok<QuoteResponse>, ValidationProblem> (string? occupation, string? package, long? income, string? month, bool? publicMoney) =>
            {
                var errors = new Dictionary<string, string[]>();
                var parsedPackage = package?.ToUpperInvariant() switch
                {
                    null or "" or "JKK_JKM" => ContributionPackage.JkkJkm,
                    "JKK_JKM_JHT" => ContributionPackage.JkkJkmJht,
                    _ => (ContributionPackage?)null,
                };
                if (parsedPackage is null)
                {
                    errors["package"] = ["Paket harus JKK_JKM atau JKK_JKM_JHT."];
                }

                if (string.IsNullOrWhiteSpace(occupation))
                {
                    errors["occupation"] = ["Kode pekerjaan wajib diisi (lihat /api/v1/occupations)."];
                }

                DateOnly parsedMonth = default;
                if (string.IsNullOrWhiteSpace(month) || !DateOnly.TryParseExact(month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out parsedMonth))
                {
                    errors["month"] = ["Bulan wajib diisi dengan format YYYY-MM, misalnya 2026-11."];
                }

                if (errors.Count == 0)
                {
                    try
                    {
                        var quote = TariffCalculator.Standard.Quote(occupation!, parsedPackage!.Value, income ?? 1_000_000, parsedMonth, publicMoney ?? false);
                        return TypedResults.Ok(new QuoteResponse(quote.Jkk, quote.Jkm, quote.Jht, quote.Total, quote.DiscountApplied, quote.DeclaredIncome,
                            quote.Month.ToString("yyyy-MM", CultureInfo.InvariantCulture), quote.Sector.ToString().ToLowerInvariant(), quote.DiscountLegalBasis));
                    }
                    catch (TariffException e)
                    {
                        errors[e.Problem switch
                        {
                            TariffProblem.IncomeBelowMinimum => "income",
                            TariffProblem.UnknownOccupation => "occupation",
                            _ => "month",
                        }] = [e.Message];
                    }
                }

                return TypedResults.ValidationProblem(errors, title: "Iuran tidak dapat dihitung.");
            })
            .AllowAnonymous()
            .WithName("QuoteTariff")
            .WithSummary("Iuran bulanan BPU (JKK, JKM, JHT) dalam rupiah utuh, dengan diskon PP 50/2025 bila berlaku");

        api.MapGet("/occupations", () => OccupationCatalog.Standard.All
                .Select(o => new OccupationResponse(o.Code, o.Name, o.Sector.ToString().ToLowerInvariant())))
            .AllowAnonymous()
            .WithName("ListOccupations")
            .WithSummary("Daftar pekerjaan BPU dengan sektornya (transport atau lainnya)");
    }
}
