using GotaKeren.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace GotaKeren.Web.Privacy;

public static class DataRequests
{
    /// <summary>
    /// Adds the request with the regency's next number. The number's unique index settles two officers (or a
    /// public page and an officer) recording at once: the loser takes the next number and tries again.
    /// </summary>
    public static async Task AddAsync(AppDbContext db, DataRequest request, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            request.Number = (await db.DataRequests.MaxAsync(r => (int?)r.Number, ct) ?? 0) + 1;
            db.DataRequests.Add(request);
            try
            {
                await db.SaveChangesAsync(ct);
                return;
            }
            // Only a taken number is retried; a taken id is the same request sent twice, which the caller answers.
            catch (DbUpdateException e) when (e.IsUniqueViolation("ux_data_requests_number") && attempt < 5)
            {
                db.Entry(request).State = EntityState.Detached;
            }
        }
    }
}
