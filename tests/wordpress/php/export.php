<?php
/* php export.php DOCROOT: prints, as JSON, every published post as WordPress stores and renders it
 * (titles and texts through the same filters as the theme's pages), for wordpress_truth.py. */
require __DIR__ . '/bootstrap.php';

function export_comment(WP_Comment $comment): array
{
    return [
        'id' => (string) $comment->comment_ID,
        'parent_id' => $comment->comment_parent ? (string) $comment->comment_parent : null,
        'author' => get_comment_author($comment),
        'author_url' => get_comment_author_url($comment),
        'published' => get_comment_date('c', $comment),
        'html' => apply_filters('comment_text', get_comment_text($comment), $comment, []),
        'spam' => get_comment_meta($comment->comment_ID, 'newsbot_spam', true) === '1',
    ];
}

function export_post(WP_Post $post): array
{
    $GLOBALS['post'] = $post;
    setup_postdata($post);
    $duplicate_of = get_post_meta($post->ID, 'newsbot_duplicate_of', true);
    $comments = get_comments(['post_id' => $post->ID, 'status' => 'approve', 'orderby' => 'comment_ID',
        'order' => 'ASC']);
    return [
        'id' => $post->ID,
        'key' => get_post_meta($post->ID, 'newsbot_key', true),
        'url' => get_permalink($post),
        'title_html' => get_the_title($post),
        'published' => get_the_date('c', $post),
        'modified' => get_the_modified_date('c', $post),
        'authors' => [get_the_author_meta('display_name', $post->post_author)],
        'categories' => array_map(fn($term) => ['slug' => $term->slug, 'name' => $term->name],
            get_the_category($post->ID)),
        'tags' => array_map(fn($term) => $term->name, wp_get_post_tags($post->ID)),
        'content_html' => apply_filters('the_content', $post->post_content),
        'duplicate_of' => $duplicate_of ? get_permalink((int) $duplicate_of) : null,
        'duplicate_kind' => get_post_meta($post->ID, 'newsbot_duplicate_kind', true) ?: null,
        'comments' => array_map('export_comment', $comments),
    ];
}

$posts = get_posts(['post_type' => 'post', 'post_status' => 'publish', 'numberposts' => -1, 'orderby' => 'ID',
    'order' => 'ASC']);
echo json_encode([
    'language' => get_bloginfo('language'),
    'timezone' => wp_timezone_string(),
    'posts' => array_map('export_post', $posts),
], JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES | JSON_THROW_ON_ERROR);
