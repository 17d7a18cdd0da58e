namespace GotaKeren.Web.Bpjs;

public static class BpjsExtensions
{
    /// <summary>The files exchanged with BPJS Ketenagakerjaan: registration batch, KPJ numbers, payment confirmations, remittance.</summary>
    public static void AddBpjs(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<BpjsFiles>();
        builder.Services.AddScoped<BpjsExchange>();
    }
}
