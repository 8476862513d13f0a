using System.Globalization;
using MimeKit;
using NewsPipeline.Core.Alerts;

namespace NewsPipeline.Alerts.Subscriptions;

/// <summary>A subscription as it will be stored, or every reason it cannot be.</summary>
public sealed record SubscriptionCheck(AlertSubscription? Subscription, IReadOnlyList<string> Errors);

/// <summary>
/// Checks a subscription before it is stored and puts its names in the form events carry: company aliases in any
/// language become the canonical company, metals events report under a group become the group, country and
/// language codes are case-folded. Every error is reported at once.
/// </summary>
public sealed class SubscriptionValidator(AlertVocabulary vocabulary)
{
    public const int MinSecretLength = 16;

    private static readonly TimeSpan MinDigestPeriod = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan MaxDigestPeriod = TimeSpan.FromDays(7);

    public SubscriptionCheck Check(AlertSubscription draft)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(draft.Name) || draft.Name.Length > 64 || !draft.Name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            errors.Add($"name '{draft.Name}' must be 1 to 64 ASCII letters, digits, '-', '_' or '.' (it is used in URLs).");
        }

        var rule = CheckRule(draft.Rule, errors);
        if (draft.Channels.Count == 0)
        {
            errors.Add("at least one channel is needed (webhook, email, atom or console).");
        }

        for (var i = 0; i < draft.Channels.Count; i++)
        {
            CheckChannel(draft.Channels[i], $"channel {(i + 1).ToString(CultureInfo.InvariantCulture)} ({draft.Channels[i].Kind.ToString().ToLowerInvariant()})", errors);
        }

        if (draft.Mode == AlertMode.Digest && (draft.DigestPeriod is not { } period || period < MinDigestPeriod || period > MaxDigestPeriod))
        {
            errors.Add($"digest mode needs a period from {MinDigestPeriod} to {MaxDigestPeriod} (got {draft.DigestPeriod?.ToString() ?? "none"}).");
        }

        if (draft.Mode == AlertMode.Immediate && draft.DigestPeriod is not null)
        {
            errors.Add("a digest period is set but the mode is immediate; choose digest mode or drop the period.");
        }

        return errors.Count > 0 ? new SubscriptionCheck(null, errors) : new SubscriptionCheck(draft with { Rule = rule }, []);
    }

    private AlertRule CheckRule(AlertRule rule, List<string> errors)
    {
        var metals = new List<string>();
        foreach (var metal in rule.Metals)
        {
            if (vocabulary.Metal(metal) is { } canonical)
            {
                metals.Add(canonical);
            }
            else
            {
                errors.Add($"unknown metal '{metal}' (use the English name, e.g. gallium, or a group such as 'rare earths').");
            }
        }

        foreach (var country in rule.Countries.Where(c => !vocabulary.IsCountry(c)))
        {
            errors.Add($"unknown country '{country}' (use an ISO 3166-1 alpha-2 code such as KZ or JP).");
        }

        foreach (var language in rule.Languages.Where(l => !vocabulary.IsLanguage(l)))
        {
            errors.Add($"unsupported language '{language}'.");
        }

        if (rule.Companies.Any(string.IsNullOrWhiteSpace) || rule.Keywords.Any(string.IsNullOrWhiteSpace))
        {
            errors.Add("companies and keywords may not be blank.");
        }

        if (rule.MinTonnes is { } min && (!double.IsFinite(min) || min < 0))
        {
            errors.Add($"minimum tonnes {min} must be a number of at least 0.");
        }

        return rule with
        {
            Metals = metals.Distinct(StringComparer.Ordinal).ToList(),
            Countries = rule.Countries.Select(c => c.Trim().ToUpperInvariant()).Distinct(StringComparer.Ordinal).ToList(),
            Languages = rule.Languages.Select(l => l.Trim().ToLowerInvariant()).Distinct(StringComparer.Ordinal).ToList(),
            // An alias the gazetteer does not know is kept as written: the recognisers also name firms outside it.
            Companies = rule.Companies.Select(c => vocabulary.Company(c) ?? c.Trim()).Distinct(StringComparer.Ordinal).ToList(),
            Keywords = rule.Keywords.Select(k => k.Trim()).ToList(),
        };
    }

    private static void CheckChannel(AlertChannel channel, string label, List<string> errors)
    {
        switch (channel.Kind)
        {
            case AlertChannelKind.Webhook:
                if (!Uri.TryCreate(channel.Url, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
                {
                    errors.Add($"{label}: url '{channel.Url}' must be an absolute http or https URL.");
                }

                if (channel.Secret is null || channel.Secret.Length < MinSecretLength)
                {
                    errors.Add($"{label}: a secret of at least {MinSecretLength} characters is needed to sign the bodies.");
                }

                break;
            case AlertChannelKind.Email:
                if (channel.To.Count == 0)
                {
                    errors.Add($"{label}: at least one recipient address is needed.");
                }

                foreach (var address in channel.To.Where(a => !MailboxAddress.TryParse(a, out _) || !a.Contains('@', StringComparison.Ordinal)))
                {
                    errors.Add($"{label}: '{address}' is not an e-mail address.");
                }

                if (channel.Smtp is not { } smtp)
                {
                    errors.Add($"{label}: SMTP settings (host, port, from) are needed.");
                    break;
                }

                if (string.IsNullOrWhiteSpace(smtp.Host))
                {
                    errors.Add($"{label}: the SMTP host is empty.");
                }

                if (smtp.Port is < 1 or > 65535)
                {
                    errors.Add($"{label}: SMTP port {smtp.Port} must be from 1 to 65535.");
                }

                if (!MailboxAddress.TryParse(smtp.From, out _) || !smtp.From.Contains('@', StringComparison.Ordinal))
                {
                    errors.Add($"{label}: sender '{smtp.From}' is not an e-mail address.");
                }

                if (smtp.User is not null && smtp.PasswordVariable is null)
                {
                    errors.Add($"{label}: an SMTP user needs password_variable, the environment variable holding the password.");
                }

                break;
        }
    }
}
