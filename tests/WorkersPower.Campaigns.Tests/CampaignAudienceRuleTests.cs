using WorkersPower.Campaigns.SignUps;
using WorkersPower.Platform;
using WorkersPower.Platform.Security;

namespace WorkersPower.Campaigns.Tests;

/// <summary>Who may write to the people signed up for a campaign's actions (Membership's organisers' messages ask Campaigns).</summary>
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
    }

    [Fact]
    public void Other_organisers_and_everyone_else_may_not()
    {
        SignUpAudience.MayReach(Reader(Roles.Member, Roles.Organiser), [Guid.NewGuid()]).ShouldBeFalse(); // organises other campaigns
        SignUpAudience.MayReach(Reader(Roles.Member), [Me]).ShouldBeFalse(); // organised it once, no longer an organiser
        SignUpAudience.MayReach(Reader(Roles.Treasurer, Roles.Editor), [Me]).ShouldBeFalse();
        SignUpAudience.MayReach(new Caller(Guid.NewGuid(), null, [Roles.Organiser]), [Me]).ShouldBeFalse(); // no member record
    }
}
