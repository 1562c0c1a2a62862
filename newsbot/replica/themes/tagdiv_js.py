"""The tagDiv "Newspaper" pages of the ``world-js`` section, where the browser builds part of what a crawler needs.

- Listing ``/category/world-js/``: the first ``PER_PAGE`` modules only, no page links, and tagDiv's
  infinite-loop "Load more" button (``div.td-load-more-wrap a.td_ajax_load_more.td_ajax_load_more_js``).
  A click GETs ``/wp-admin/admin-ajax.php?action=td_ajax_loop&loopState[currentPage]=N&loopState[category]=S``,
  whose JSON (``server_reply_html_data``: the modules' HTML, ``loopState.max_num_pages``) is appended; the
  wrap is hidden once the last page is in. ``/category/world-js/page/N/`` does not exist (404).
- Articles: the tagDiv article page, but ``#comments`` is an empty container; a script fetches
  ``/wp-admin/admin-ajax.php?action=td_load_comments&post=ID`` (Disqus-style JSON: one record per comment with
  its parent) and builds the theme's ``li.comment`` markup from it. The header still shows the comment count.
"""

from __future__ import annotations

import json

from newsbot.replica.content import CommentModel, Post, arabic_date, arabic_time
from newsbot.replica.themes import tagdiv
from newsbot.replica.themes.common import SITE_NAME, comment_html, e

PER_PAGE = 4  # a category setting of the theme: few, so that even a small replica needs two clicks

LOAD_MORE_SCRIPT = """<script>
(function () {
  var more = document.querySelector('.td_ajax_load_more_js'), wrap = document.querySelector('.td-load-more-wrap');
  var list = document.querySelector('.td-ss-main-content .td_block_inner');
  more.addEventListener('click', function (event) {
    event.preventDefault();
    if (more.classList.contains('td-ajax-loading')) return;
    more.classList.add('td-ajax-loading');
    var page = parseInt(more.getAttribute('data-page'), 10) + 1;
    fetch(more.getAttribute('data-ajax') + '&loopState[currentPage]=' + page)
      .then(function (r) { return r.json(); })
      .then(function (data) {
        list.insertAdjacentHTML('beforeend', data.server_reply_html_data);
        more.setAttribute('data-page', String(page));
        more.classList.remove('td-ajax-loading');
        if (page >= data.loopState.max_num_pages) wrap.style.display = 'none';
      });
  });
})();
</script>"""

COMMENTS_SCRIPT = """<script>
(function () {
  var box = document.getElementById('comments');
  fetch(box.getAttribute('data-comments-src'))
    .then(function (r) { return r.json(); })
    .then(function (data) {
      if (!data.comments.length) return;
      var list = document.createElement('ol');
      list.className = 'comment-list td-pb-padding-side';
      var byId = {};
      data.comments.forEach(function (c) {
        var li = document.createElement('li');
        li.className = 'comment';
        li.id = 'comment-' + c.id;
        var cite = document.createElement('cite'), who = cite;
        if (c.author_url) { who = document.createElement('a'); who.href = c.author_url; who.className = 'url'; cite.appendChild(who); }
        who.textContent = c.author;
        var footer = document.createElement('footer'), link = document.createElement('a'), time = document.createElement('time');
        link.className = 'comment-link'; link.href = '#comment-' + c.id;
        time.setAttribute('pubdate', String(c.timestamp)); time.textContent = c.date;
        link.appendChild(time); footer.appendChild(cite); footer.appendChild(link);
        var content = document.createElement('div');
        content.className = 'comment-content tagdiv-type';
        content.innerHTML = '<p>' + c.content + '</p>';
        var article = document.createElement('article');
        article.appendChild(footer); article.appendChild(content); li.appendChild(article);
        byId[c.id] = li;
        var parent = c.parent ? byId[c.parent] : null;
        if (parent) {
          var children = parent.querySelector(':scope > ul.children');
          if (!children) { children = document.createElement('ul'); children.className = 'children'; parent.appendChild(children); }
          children.appendChild(li);
        } else {
          list.appendChild(li);
        }
      });
      box.insertAdjacentHTML('afterbegin', '<div class="td-comments-title-wrap td-pb-padding-side"><h4 class="td-comments-title block-title"><span>'
        + data.comments.length + ' COMMENTS</span></h4></div>');
      box.querySelector('.td-comments-title-wrap').after(list);
    });
})();
</script>"""


class Theme(tagdiv.Theme):
    """tagDiv's markup with the JavaScript-built parts of the ``world-js`` section."""

    def listing(self, section: str, page: int) -> str | None:
        if page != 1:
            return None  # the section has no page links: only the "Load more" button
        sec = self.site.sections[section]
        posts = self.site.newest(section, 0, PER_PAGE)
        pages = -(-sec.count // PER_PAGE)
        crumbs = self._crumbs([(self.base + "/", "Home")], sec.name)
        ajax = f"{self.base}/wp-admin/admin-ajax.php?action=td_ajax_loop&amp;loopState[category]={section}"
        more = (f'<div class="td-load-more-wrap td-load-more-infinite-wrap"><a href="#" class="td_ajax_load_more td_ajax_load_more_js" '
                f'id="next-page-td_uid_1_5f3b" data-td_block_id="td_uid_1_5f3b" data-page="1" data-ajax="{ajax}">Load more'
                f'<i class="td-icon-font td-icon-menu-down"></i></a></div>' if pages > 1 else "")
        body = (f'<div class="td-page-header">{crumbs}<h1 class="entry-title td-page-title"><span>{e(sec.name)}</span></h1></div>'
                f'<div class="td_block_inner">{self.modules(posts)}</div>{more}{LOAD_MORE_SCRIPT if more else ""}')
        return self._page(f"{sec.name} - {SITE_NAME}", f"{self.base}/category/{section}/", body, self.site.last_published,
                          head_extra=f'<link rel="alternate" type="application/rss+xml" title="{e(sec.name)}" href="{self.base}/category/{section}/feed/" />')

    def modules(self, posts: list[Post]) -> str:
        return "".join(self._module(p, "listing") for p in posts)

    def _comments(self, post: Post) -> str:
        src = f"{self.base}/wp-admin/admin-ajax.php?action=td_load_comments&amp;post={post.id}"
        return f'<div class="comments" id="comments" data-comments-src="{src}"></div>{COMMENTS_SCRIPT}<div class="td-comments-form">'

    # -- the JSON endpoints ------------------------------------------------------------------------------
    def ajax_loop(self, section: str, page: int) -> dict | None:
        """Listing page ``page`` (2 and later) as tagDiv's ``td_ajax_loop`` answers it; None past the end."""
        pages = -(-self.site.sections[section].count // PER_PAGE)
        if not 2 <= page <= pages:
            return None
        posts = self.site.newest(section, (page - 1) * PER_PAGE, PER_PAGE)
        return {"server_reply_html_data": self.modules(posts),
                "loopState": {"currentPage": page, "max_num_pages": pages, "category": section}}

    def comments_json(self, post: Post) -> dict:
        return {"post": post.id, "comments": [_comment_record(c) for c in post.comments]}


def _comment_record(c: CommentModel) -> dict:
    return {"id": c.id, "parent": c.parent_id or 0, "author": c.author, "author_url": c.author_url or "",
            "timestamp": int(c.published.timestamp()), "date": f"{arabic_date(c.published)} At {arabic_time(c.published)}",
            "content": comment_html(c)}


def to_json(body: dict) -> str:
    return json.dumps(body, ensure_ascii=False)
