using WorkersPower.Campaigns.SignUps;
using WorkersPower.Platform;
using WorkersPower.Platform.Security;

namespace WorkersPower.Campaigns.Tests;

/// <summary>
/// Who may write to the people signed up for a campaign's actions (Membership's organisers' messages ask Campaigns): the
/// holders of CAMPAIGN_ORGANISER on it now (as Membership answers them) and admins.
/// </summary>
public sealed class CampaignAudienceRuleTests
{
    private static readonly Guid Me = Guid.NewGuid();

    private static Caller Reader(params string[] roles) => new(Guid.NewGuid(), Me, roles);

    [Fact]
    public void Admins_and_the_campaigns_organisers_may()
    {
        SignUpAudience.MayReach(Reader(Roles.Admin), []).ShouldBeTrue();
        SignUpAudience.MayReach(new Caller(Guid.NewGuid(), null, [Roles.Admin]), []).ShouldBeTrue();
        SignUpAudience.MayReach(Reader(Roles.Member, Roles.Organiser), [Guid.NewGuid(), Me]).ShouldBeTrue();
        SignUpAudience.MayReach(Reader(Roles.Member), [Me]).ShouldBeTrue(); // CAMPAIGN_ORGANISER alone: the grant is what counts
    }

    [Fact]
    public void Other_organisers_and_everyone_else_may_not()
    {
        SignUpAudience.MayReach(Reader(Roles.Member, Roles.Organiser), [Guid.NewGuid()]).ShouldBeFalse(); // organises other campaigns
        SignUpAudience.MayReach(Reader(Roles.Member, Roles.Organiser), []).ShouldBeFalse(); // launched it once, the grant ended: no longer among the holders
        SignUpAudience.MayReach(Reader(Roles.Treasurer, Roles.Editor), [Guid.NewGuid()]).ShouldBeFalse();
        SignUpAudience.MayReach(new Caller(Guid.NewGuid(), null, [Roles.Organiser]), [Me]).ShouldBeFalse(); // no member record
    }
}
