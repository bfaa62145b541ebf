namespace WorkersPower.Membership.Accounts;

/// <summary>
/// The minimum password policy: 10 to 128 characters, not one repeated character, not a well-known
/// password, and not the account's own email.
/// </summary>
public static class PasswordPolicy
{
    public const int MinLength = 10;
    public const int MaxLength = 128;

    private static readonly HashSet<string> Common = new(StringComparer.OrdinalIgnoreCase)
    {
        "password", "password1", "password12", "password123", "password1234", "passw0rd123", "1234567890", "12345678910",
        "0123456789", "qwertyuiop", "qwerty1234", "qwerty12345", "iloveyou12", "letmein123", "welcome123", "abcdefghij",
        "abc1234567", "football12", "monkey1234", "dragon1234", "sunshine12", "princess12", "trustno1234", "solidarity",
        "workerspower", "changeme123", "administrator", "1q2w3e4r5t", "zaq12wsxcde", "asdfghjkl1",
    };

    /// <summary>Null when the password is acceptable, otherwise why not.</summary>
    public static string? Check(string? password, string? email)
    {
        if (string.IsNullOrEmpty(password) || password.Length < MinLength)
            return $"The password must be at least {MinLength} characters long.";
        if (password.Length > MaxLength) return $"The password must be at most {MaxLength} characters long.";
        if (password.Distinct().Count() < 4) return "The password must use at least four different characters.";
        if (Common.Contains(password)) return "That password is too common: choose another.";
        if (email is not null && password.Contains(email.Split('@')[0], StringComparison.OrdinalIgnoreCase) && email.Split('@')[0].Length >= 4)
            return "The password must not contain your email address.";
        return null;
    }
}
