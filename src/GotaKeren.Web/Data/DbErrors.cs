using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace GotaKeren.Web.Data;

/// <summary>
/// Races are settled by constraints: the loser of an insert gets a unique violation, and the caller turns it
/// into an answer. One place knows what that error looks like.
/// </summary>
public static class DbErrors
{
    /// <summary>The save broke a unique index (optionally the one named, e.g. "pk_protected_niks").</summary>
    public static bool IsUniqueViolation(this DbUpdateException e, string? constraint = null) =>
        e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } pg
        && (constraint is null || pg.ConstraintName == constraint);
}
