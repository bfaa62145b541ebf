import { useState, type FormEvent } from 'react';
import { graphql, useLazyLoadQuery } from 'react-relay/hooks';
import { Link, useNavigate } from 'react-router';
import type { PagesPageQuery } from '../../__generated__/PagesPageQuery.graphql';
import { describedBy, FieldError, type FieldErrors } from '../../ui/Field';
import { formatWhen } from './shared';

/** Where the public reads a standing page: the programme and about have addresses of their own. */
export const publicPath = (slug: string) => (slug === 'programme' || slug === 'about' ? `/${slug}` : `/pages/${slug}`);

const slugPattern = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** /editor/pages: the standing pages (the programme, about), and any other page opened or started by its slug. */
export function PagesPage() {
  const navigate = useNavigate();
  const { programme, about } = useLazyLoadQuery<PagesPageQuery>(
    graphql`
      query PagesPageQuery {
        programme: page(slug: "programme") { id slug title updatedAt version }
        about: page(slug: "about") { id slug title updatedAt version }
      }
    `,
    {},
    { fetchPolicy: 'store-and-network' },
  );
  const [slug, setSlug] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const open = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const wanted = slug.trim().toLowerCase();
    if (!slugPattern.test(wanted) || wanted.length > 100) {
      setErrors({ slug: 'A page address is 1 to 100 lower-case letters, digits and single hyphens, e.g. how-to-join.' });
      document.getElementById('slug')?.focus();
      return;
    }
    navigate(`/editor/pages/${wanted}`);
  };
  const rows = [
    { slug: 'programme', name: 'The programme', page: programme },
    { slug: 'about', name: 'About us', page: about },
  ];
  return (
    <>
      <title>Standing pages · Editing · Workers Power</title>
      <h1>Standing pages</h1>
      <p>The pages that stay: the programme everyone who joins accepts, and who we are. A change shows on the site as soon as it is saved.</p>
      <div className="table-scroll">
        <table className="data-table">
          <thead><tr><th scope="col">Page</th><th scope="col">Title</th><th scope="col">Last changed</th></tr></thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.slug}>
                <td className="nowrap"><Link to={`/editor/pages/${r.slug}`}>{r.name}</Link></td>
                <td>{r.page ? r.page.title : <span className="muted">Not written yet</span>}</td>
                <td>{r.page ? <time dateTime={r.page.updatedAt}>{formatWhen(r.page.updatedAt)}</time> : null}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <section aria-labelledby="other-title" className="editor-section">
        <h2 id="other-title">Another page</h2>
        <form className="compare" noValidate onSubmit={open}>
          <div className="field" data-invalid={errors.slug ? 'true' : undefined}>
            <label htmlFor="slug">Its address</label>
            <span className="hint" id="slug-hint">For example how-to-join: it is read at /pages/how-to-join. A new address starts a new page.</span>
            <input id="slug" name="slug" type="text" value={slug} onChange={(e) => setSlug(e.target.value)} {...describedBy('slug', errors, 'slug-hint')} />
            <FieldError name="slug" errors={errors} />
          </div>
          <button type="submit" className="button button--small">Open</button>
        </form>
      </section>
    </>
  );
}
