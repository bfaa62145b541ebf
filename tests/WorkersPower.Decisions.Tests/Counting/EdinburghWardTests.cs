using WorkersPower.Decisions.Counting;

namespace WorkersPower.Decisions.Tests.Counting;

/// <summary>
/// All 17 wards of the City of Edinburgh Council election of 4 May 2017, counted by the council under the Scottish
/// rules. The ballots: the council's published preference profiles (BLT files, every ranking with its number of
/// voters), as copied in https://github.com/VoteIT/STVPoll (stvpoll_testing/scottish_election_data/). The councillors
/// declared elected: the list in STVPoll's stvpoll_testing/test_scottish_elections.py (WARD_WINNERS), which is the
/// declared result of "2017 City of Edinburgh Council election" (https://en.wikipedia.org/wiki/2017_City_of_Edinburgh_Council_election);
/// checked by hand against the press reports of the declarations for Almond, Drum Brae/Gyle and Colinton/Fairmilehead
/// ("Edinburgh local elections latest", Edinburgh Evening News, 5 May 2017,
/// http://www.edinburghnews.scotsman.com/our-region/edinburgh/edinburgh-local-elections-latest-neck-and-neck-between-snp-and-tories-with-2-wards-left-1-4437891)
/// and Leith Walk ("Edinburgh council elections 2022: ward-by-ward analysis: Leith Walk", Edinburgh Evening News,
/// https://www.edinburghnews.scotsman.com/news/politics/council/edinburgh-council-elections-2022-ward-by-ward-analysis-leith-walk-3677457).
/// Names are spelt as in the ballot files. Almond's stages and totals are checked in <see cref="PublishedExampleTests"/>.
/// </summary>
public sealed class EdinburghWardTests
{
    public static TheoryData<string, string[]> Wards => new()
    {
        { "edinburgh-2017-ward-01-almond.blt", ["Kevin  LANG", "Louise YOUNG", "Graham HUTCHISON", "Norrie WORK"] },
        { "edinburgh-2017-ward-02-pentland_hills.blt", ["Graeme BRUCE", "Neil GARDINER", "Ricky HENDERSON", "Susan WEBBER"] },
        { "edinburgh-2017-ward-03-drum_braegyle.blt", ["Robert Christopher ALDRIDGE", "Claire BRIDGMAN", "Mark BROWN"] },
        { "edinburgh-2017-ward-04-forth.blt", ["Eleanor BIRD", "Jim CAMPBELL", "Cammy DAY", "George GORDON"] },
        { "edinburgh-2017-ward-05-inverleith.blt", ["Gavin BARRIE", "Max MITCHELL", "Hal OSLER", "Iain  WHYTE"] },
        { "edinburgh-2017-ward-06-corstorphinemurrayfield.blt", ["Scott DOUGLAS", "Gillian GLOYER", "Frank ROSS"] },
        { "edinburgh-2017-ward-07-sighthillgorgie.blt", ["Denis DIXON", "Catherine FULLERTON", "Ashley GRACZYK", "Donald WILSON"] },
        { "edinburgh-2017-ward-08-colintonfairmilehead.blt", ["Scott ARTHUR", "Phil DOGGART", "Jason RUST"] },
        { "edinburgh-2017-ward-09-fountainbridgecraiglockhart.blt", ["Gavin CORBETT", "Andrew JOHNSTON", "David KEY"] },
        { "edinburgh-2017-ward-10-meadowsmorningside.blt", ["Nick COOK", "Melanie MAIN", "Neil ROSS", "Mandy WATT"] },
        { "edinburgh-2017-ward-11-city_centre.blt", ["Karen DORAN", "Claire MILLER", "Jo MOWAT", "Alasdair RANKIN"] },
        { "edinburgh-2017-ward-12-leith_walk.blt", ["Marion DONALDSON", "Amy MCNEESE-MECHAN", "Susan RAE", "Lewis RITCHIE"] },
        { "edinburgh-2017-ward-13-leith.blt", ["Chas BOOTH", "Adam MCVEY", "Gordon John MUNRO"] },
        { "edinburgh-2017-ward-14-craigentinnyduddingston.blt", ["Ian CAMPBELL", "Joan GRIFFITHS", "John MCLELLAN", "Alex STANIFORTH"] },
        { "edinburgh-2017-ward-15-southsidenewington.blt", ["Steve BURGESS", "Alison DICKIE", "Ian PERRY", "Cameron ROSE"] },
        { "edinburgh-2017-ward-16-libertongilmerton.blt", ["Lezley Marion CAMERON", "Derek HOWIE", "Lesley MACINNES", "Stephanie SMITH"] },
        { "edinburgh-2017-ward-17-portobellocraigmillar.blt", ["KATE CAMPBELL", "MARY CAMPBELL", "Maureen CHILD", "Callum LAIDLAW"] },
    };

    [Theory]
    [MemberData(nameof(Wards))]
    public void The_count_elects_the_declared_councillors(string file, string[] declared)
    {
        var ward = Blt.Load(file);

        var result = ScottishStv.Count(ward.Seats, ward.Candidates, ward.Rankings);

        result.Elected.Order(StringComparer.Ordinal).ShouldBe(declared.Order(StringComparer.Ordinal));
        result.LotUsed.ShouldBeFalse();
        var last = result.Rounds[^1];
        (last.Tallies.Sum(t => t.Votes) + last.ElectedTallies.Sum(t => t.Votes) + last.NonTransferable + last.LostToTruncation)
            .ShouldBe(result.ValidVotes);
    }
}
