namespace TitleReview.Domain;

/// <summary>Why a command was refused, which decides the HTTP status at the edge (and nothing else does).</summary>
public enum RefusalKind
{
    /// <summary>The command itself is malformed or incomplete (400).</summary>
    Invalid,

    /// <summary>What the command names does not exist for this caller (404).</summary>
    NotFound,

    /// <summary>The caller may not do this to this thing, whatever their role (403).</summary>
    Forbidden,

    /// <summary>The state has moved on: claimed by someone else, already decided, stale version (409).</summary>
    Conflict,

    /// <summary>Well-formed, but a rule of the notice or the design forbids it (422).</summary>
    BreaksRule,
}

/// <summary>
/// A pure decision's "no": a stable code, the clause of the notice (or design.md) it enforces, and the reason in both
/// languages. <see cref="Fields"/> names the request fields at fault, for a 400 or 422 listing them one by one.
/// </summary>
public sealed record Refusal(RefusalKind Kind, string Code, string? Clause, Bilingual Reason)
{
    public IReadOnlyDictionary<string, IReadOnlyList<Bilingual>>? Fields { get; init; }

    /// <summary>Extra facts a client may act on (for example the conflicting application's own id); never another client's data.</summary>
    public IReadOnlyDictionary<string, object?>? Facts { get; init; }

    public static Refusal Invalid(string code, Bilingual reason, string? clause = null) => new(RefusalKind.Invalid, code, clause, reason);

    public static Refusal NotFound(string code, Bilingual reason) => new(RefusalKind.NotFound, code, null, reason);

    public static Refusal Forbidden(string code, Bilingual reason) => new(RefusalKind.Forbidden, code, null, reason);

    public static Refusal Conflict(string code, Bilingual reason, string? clause = null) => new(RefusalKind.Conflict, code, clause, reason);

    public static Refusal BreaksRule(string code, string? clause, Bilingual reason) => new(RefusalKind.BreaksRule, code, clause, reason);

    /// <summary>A 400 naming each field at fault (what a validation problem lists).</summary>
    public static Refusal InvalidFields(IReadOnlyDictionary<string, IReadOnlyList<Bilingual>> fields) =>
        new(RefusalKind.Invalid, "validation", null,
            new Bilingual("请求内容有误，请按字段说明修改后重新提交。", "The request has invalid fields; correct them and resend."))
        { Fields = fields };
}
