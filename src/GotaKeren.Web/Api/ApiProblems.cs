namespace GotaKeren.Web.Api;

public static class ApiProblems
{
    /// <summary>422 with the errors by field (camelCase, as in the request) and any warnings beside them.</summary>
    public static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult Unprocessable(
        IReadOnlyDictionary<string, string[]> errors, IReadOnlyDictionary<string, string[]>? warnings = null)
    {
        var problem = new HttpValidationProblemDetails(errors.ToDictionary(kv => kv.Key, kv => kv.Value))
        {
            Status = StatusCodes.Status422UnprocessableEntity,
            Title = "Data belum dapat disimpan",
        };
        if (warnings is { Count: > 0 })
        {
            problem.Extensions["warnings"] = warnings;
        }

        return TypedResults.Problem(problem);
    }
}
