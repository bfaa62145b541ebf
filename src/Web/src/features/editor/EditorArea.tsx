import { Route, Routes } from 'react-router';
import { AreaFrame } from '../../ui/console/AreaFrame';
import { ArticleEditPage } from './ArticleEditPage';
import { ArticlesPage } from './ArticlesPage';
import { ArticleHistoryPage, PageHistoryPage } from './HistoryPages';
import { NewArticlePage } from './NewArticlePage';
import { PageEditPage } from './PageEditPage';
import { PagesPage } from './PagesPage';
import './editor.css';

/** The editor's desk (/editor/*): articles by status, the editor with its preview and revisions, standing pages. */
export function EditorArea() {
  return (
    <Routes>
      <Route element={<AreaFrame label="Editing" who="editors" roles={['EDITOR', 'ADMIN']} pages={[
        { to: '/editor', label: 'Articles', end: true },
        { to: '/editor/pages', label: 'Standing pages' },
      ]} />}>
        <Route index element={<ArticlesPage />} />
        <Route path="new" element={<NewArticlePage />} />
        <Route path="articles/:id" element={<ArticleEditPage />} />
        <Route path="articles/:id/history" element={<ArticleHistoryPage />} />
        <Route path="pages" element={<PagesPage />} />
        <Route path="pages/:slug" element={<PageEditPage />} />
        <Route path="pages/:slug/history" element={<PageHistoryPage />} />
      </Route>
    </Routes>
  );
}
