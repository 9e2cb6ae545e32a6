import { useEffect, useState } from 'preact/hooks';
import { bodyText } from '../../shared/feed/derive';
import type { StoredArticle } from '../../shared/store/schema';
import { defaultFeedUrl } from '../../shared/config';
import { openArticle } from '../actions/open-article';
import { setReadMark } from '../actions/read-mark';
import { keepNewerVersion, saveArticle } from '../actions/saved';
import { isoDate } from '../format/date';
import { formatPublished, formatReadingTime } from '../format/relative-time';
import { minuteNow } from '../state/clock';
import { leadOf } from '../format/summary';
import { articlesVersion } from '../state/sync-status';
import { useAsync } from '../state/use-async';
import { ShareButton } from '../components/share-button';
import { SaveButton } from '../components/save-button';
import { ReadAloudButton } from '../components/read-aloud-button';
import { ReadMarkButton } from '../components/read-mark-button';
import { DeferredImage } from '../components/deferred-image';
import { ArticleBody } from '../components/article-body';
import { ARTICLE_PICTURE_SIZES, leadPicture } from '../format/lead-picture';
import { NewerVersion } from '../components/newer-version';
import { preferences } from '../state/preferences';
import { articlePath, fromPathSegment } from '../format/paths';
import { sectionPath } from '../format/section-paths';
import { neighboursOf } from '../actions/neighbours';
import { ArticleNeighbours } from '../components/article-neighbours';
import { ReadFailure } from '../components/read-failure';
import { MissingArticle } from '../components/missing-article';

interface Props {
  /** From `/bai/:id`, as the router decoded it. */
  id: string;
}

/** What «Đọc bài» reads: title, lead and body as plain text (converted only when asked: bodies can be large). */
function spokenText(article: StoredArticle, lead: string | undefined): string {
  return [article.title, lead, bodyText(article)].filter(Boolean).join('\n');
}

function Neighbours({ article }: { article: StoredArticle }) {
  const neighbours = useAsync(() => neighboursOf(article), [article.id]);
  return neighbours.status === 'ready' ? <ArticleNeighbours neighbours={neighbours.value} /> : null;
}

export default function ArticlePage({ id: segment }: Props) {
  const id = fromPathSegment(segment);
  const [attempt, setAttempt] = useState(0);
  const state = useAsync(() => openArticle(id, 5), [id, articlesVersion.value, attempt]);
  const [showNewer, setShowNewer] = useState(false);
  const newer = state.status === 'ready' ? state.value.newer : undefined;

  useEffect(() => {
    window.scrollTo(0, 0);
    setShowNewer(false);
  }, [id]);
  // The newer version kept (it is the saved one now): nothing newer to show.
  useEffect(() => {
    if (!newer) setShowNewer(false);
  }, [newer]);
  // Opened by a feed's new id for a story stored under its first one (shared/store/ids.ts): the address
  // takes the stored id, which a reload, a bookmark or Back still finds once the new id is forgotten.
  // Replaced under the router, which would otherwise open the article again.
  const storedId = state.status === 'ready' ? state.value.article?.id : undefined;
  useEffect(() => {
    if (storedId !== undefined && storedId !== id) history.replaceState(history.state, '', articlePath(storedId) + location.search + location.hash);
  }, [storedId, id]);

  if (state.status === 'loading') return <p class="notice">Đang mở bài…</p>;
  // A read that failed is not a missing article: saying «chưa được tải về máy» would read as a saved one lost.
  if (state.status === 'error') return <ReadFailure what="bài này" onRetry={() => setAttempt((n) => n + 1)} />;
  if (!state.value.article) return <MissingArticle />;
  const { related } = state.value;
  const article = showNewer && newer ? newer : state.value.article;
  const authors = article.authors.map((a) => a.name).filter(Boolean).join(', ');
  const dataSaver = preferences.value.dataSaver;
  // The stored excerpt is the body's opening, all leadOf compares.
  const lead = leadOf(article, article.excerpt);
  const leadImage = leadPicture(article);

  return (
    <article class="article" lang="vi">
      <header>
        <p class="meta">
          <time dateTime={isoDate(article.published)}>{formatPublished(article.published, minuteNow.value)}</time>
          {article.wordCount > 0 && <> · <span class="reading-time">{formatReadingTime(article.wordCount)}</span></>}
          {authors && <> · {authors}</>}
        </p>
        <h1 class="article-title">{article.title || 'Bài không có tiêu đề'}</h1>
        {lead && <p class="lead">{lead}</p>}
      </header>
      {newer && (
        <NewerVersion
          showingNewer={showNewer}
          onShow={setShowNewer}
          onKeep={() => void keepNewerVersion(article.id)}
        />
      )}
      {article.bannerImage && (
        <DeferredImage key={article.id} class="banner" src={article.bannerImage} alt="" deferred={dataSaver} />
      )}
      {leadImage && (
        <DeferredImage
          key={article.id}
          class="banner"
          src={leadImage.url}
          srcset={leadImage.srcset}
          sizes={ARTICLE_PICTURE_SIZES}
          width={leadImage.width}
          height={leadImage.height}
          alt=""
          deferred={dataSaver}
        />
      )}
      <ArticleBody
        html={article.contentHtml || undefined}
        text={article.contentText}
        baseUrl={article.baseUrl ?? defaultFeedUrl()}
        dataSaver={dataSaver}
        originalUrl={article.url}
      />
      {article.cut && (
        <p class="body-cut" role="note">
          Bài quá dài nên máy chỉ giữ phần đầu{article.url ? ': đọc hết ở bài gốc.' : '.'}
        </p>
      )}
      {article.url && (
        <p class="source">
          <a href={article.url} target="_blank" rel="noopener noreferrer">
            Xem bài gốc
          </a>
        </p>
      )}
      {article.tags.length > 0 && (
        <ul class="tags" aria-label="Chủ đề">
          {article.tags.map((tag) => (
            <li key={tag}>
              <a href={sectionPath(tag)}>{tag}</a>
            </li>
          ))}
        </ul>
      )}
      <div class="article-actions">
        <ShareButton article={article} />
        <SaveButton
          key={article.id}
          initiallySaved={Boolean(state.value.state.savedAt)}
          onChange={(saved) => saveArticle(article, saved)}
        />
        <ReadAloudButton key={article.id} text={() => spokenText(article, lead)} />
        <ReadMarkButton
          key={article.id}
          onChange={(read) => setReadMark(article.id, read)}
        />
      </div>
      {/* Keyed: the links of the article before must not stay while this one's load (they would lead back, or to itself). */}
      <Neighbours key={article.id} article={article} />
      {related.length > 0 && (
        <section class="related" aria-labelledby="related-title">
          <h2 id="related-title">Các tin khác</h2>
          <ul>
            {related.map((other) => (
              <li key={other.id}>
                <a href={articlePath(other.id)}>{other.title}</a>{' '}
                {/* Dated as the list dates it: «Hôm qua, 14:30» rather than a full date. */}
                <span class="meta">
                  (<time dateTime={isoDate(other.published)}>{formatPublished(other.published, minuteNow.value)}</time>)
                </span>
              </li>
            ))}
          </ul>
        </section>
      )}
    </article>
  );
}
