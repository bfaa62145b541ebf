import { graphql, useLazyLoadQuery } from 'react-relay/hooks';
import { Link } from 'react-router';
import type { HomePageQuery } from '../../__generated__/HomePageQuery.graphql';
import { ArticleSummary } from './ArticleSummary';
import { CampaignSummary } from './CampaignSummary';

/** The home page: the organisation in a sentence, the Join call, the latest articles and the current campaigns. */
export function HomePage() {
  const data = useLazyLoadQuery<HomePageQuery>(
    graphql`
      query HomePageQuery {
        articles(first: 5) { nodes { id ...ArticleSummary_article } }
        campaigns(first: 5) { nodes { id ...CampaignSummary_campaign } }
      }
    `,
    {},
  );
  const articles = data.articles.nodes ?? [];
  const campaigns = data.campaigns.nodes ?? [];
  return (
    <>
      <title>Workers Power</title>
      <section className="hero" aria-labelledby="hero-title">
        <h1 id="hero-title">Workers of the world, unite</h1>
        <p>
          Workers Power is a revolutionary communist organisation: we build rank-and-file power in the unions,
          stand with Palestine and confront the far right, fighting for a society run by and for working people.
        </p>
        <Link to="/join" className="button">Join Workers Power</Link>
      </section>
      <div className="grid grid--2">
        <section aria-labelledby="articles-title">
          <h2 id="articles-title">Latest articles</h2>
          {articles.length === 0 ? <p className="muted">No articles yet.</p> : (
            <ul className="cards">{articles.map((a) => a && <li key={a.id}><ArticleSummary article={a} /></li>)}</ul>
          )}
          <p className="form-after"><Link to="/articles">All articles, and search</Link></p>
        </section>
        <section aria-labelledby="campaigns-title">
          <h2 id="campaigns-title">Current campaigns</h2>
          {campaigns.length === 0 ? <p className="muted">No campaigns running just now.</p> : (
            <ul className="cards">{campaigns.map((c) => c && <li key={c.id}><CampaignSummary campaign={c} /></li>)}</ul>
          )}
          <p className="form-after"><Link to="/campaigns">All campaigns</Link></p>
        </section>
      </div>
    </>
  );
}
