namespace WorkersPower.Platform;

/// <summary>Small checks shared by the modules' validations, each adding a user error naming the field (text by <see cref="TextInput"/>).</summary>
public sealed class TextRules(string prefix = "input")
{
    private readonly List<UserError> errors = [];

    public IReadOnlyList<UserError> Errors => errors;

    public bool Ok => errors.Count == 0;

    public void Fail(string field, string message) => errors.Add(UserError.Validation($"{prefix}.{field}", message));

    /// <summary>A required single-line text of at most <paramref name="max"/> characters.</summary>
    public void Required(string field, string? value, int max, string label)
    {
        if (string.IsNullOrWhiteSpace(value)) Fail(field, $"{label} is required.");
        else Line(field, value, max, label);
    }

    /// <summary>An optional single-line text of at most <paramref name="max"/> characters.</summary>
    public void Optional(string field, string? value, int max, string label)
    {
        if (value is not null) Line(field, value, max, label);
    }

    /// <summary>An optional multi-line text (newlines allowed, other control characters not).</summary>
    public void OptionalText(string field, string? value, int max, string label)
    {
        if (value is null) return;
        if (value.Length > max) Fail(field, $"{label} must be at most {max} characters.");
        else if (!TextInput.IsText(value, multiline: true)) Fail(field, TextInput.NotText(label, multiline: true));
    }

    private void Line(string field, string value, int max, string label)
    {
        if (value.Trim().Length > max) Fail(field, $"{label} must be at most {max} characters.");
        else if (!TextInput.IsText(value)) Fail(field, TextInput.NotText(label));
    }

    /// <summary>Trims text; empty becomes null.</summary>
    public static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
