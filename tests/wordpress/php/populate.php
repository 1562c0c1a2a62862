<?php
/* php populate.php DOCROOT PLAN.json: inserts the users, categories, posts and comments of the plan
 * (written by wordpress_content.py). Labels that only the truth needs are stored as meta: newsbot_key and
 * newsbot_duplicate_of / newsbot_duplicate_kind on posts, newsbot_spam on comments. */
require __DIR__ . '/bootstrap.php';

/* the taxonomies' rules exist only now that the permalink structure set by install.php is loaded */
flush_rewrite_rules(false);

$plan = json_decode(file_get_contents($argv[2]), true, 512, JSON_THROW_ON_ERROR);

function fail_on_error($value, string $what)
{
    if (is_wp_error($value) || !$value) {
        fwrite(STDERR, $what . ': ' . (is_wp_error($value) ? $value->get_error_message() : 'failed') . "\n");
        exit(1);
    }
    return $value;
}

$users = [];
foreach ($plan['users'] as $user) {
    $users[$user['login']] = fail_on_error(wp_insert_user([
        'user_login' => $user['login'],
        'user_pass' => wp_generate_password(),
        'user_email' => $user['email'],
        'display_name' => $user['display_name'],
        'nickname' => $user['display_name'],
        'role' => 'author',
    ]), 'user ' . $user['login']);
}

$categories = [];
foreach ($plan['categories'] as $category) {
    $term = fail_on_error(wp_insert_term($category['name'], 'category', ['slug' => $category['slug']]),
        'category ' . $category['slug']);
    $categories[$category['slug']] = $term['term_id'];
}

$posts = [];
foreach ($plan['posts'] as $entry) {
    $meta = ['newsbot_key' => $entry['key']];
    if (!empty($entry['duplicate_of'])) {
        $meta['newsbot_duplicate_of'] = $posts[$entry['duplicate_of']];
        $meta['newsbot_duplicate_kind'] = $entry['duplicate_kind'];
    }
    $id = fail_on_error(wp_insert_post([
        'post_title' => $entry['title'],
        'post_content' => $entry['content'],
        'post_status' => 'publish',
        'post_type' => 'post',
        'post_author' => $users[$entry['author']],
        'post_category' => [$categories[$entry['category']]],
        'post_date' => $entry['date'],
        'post_date_gmt' => get_gmt_from_date($entry['date']),
        'comment_status' => 'open',
        'ping_status' => 'closed',
        'meta_input' => $meta,
    ], true), 'post ' . $entry['key']);
    fail_on_error(wp_set_post_terms($id, $entry['tags'], 'post_tag'), 'tags of ' . $entry['key']);
    if (!empty($entry['modified'])) {
        global $wpdb;
        $wpdb->update($wpdb->posts, [
            'post_modified' => $entry['modified'],
            'post_modified_gmt' => get_gmt_from_date($entry['modified']),
        ], ['ID' => $id]);
        clean_post_cache($id);
    }
    $posts[$entry['key']] = $id;

    $comments = [];
    foreach ($entry['comments'] as $comment) {
        $comments[$comment['key']] = fail_on_error(wp_insert_comment([
            'comment_post_ID' => $id,
            'comment_author' => $comment['author'],
            'comment_author_email' => $comment['email'],
            'comment_author_url' => $comment['url'],
            'comment_content' => $comment['content'],
            'comment_date' => $comment['date'],
            'comment_date_gmt' => get_gmt_from_date($comment['date']),
            'comment_approved' => 1,
            'comment_parent' => $comment['parent'] ? $comments[$comment['parent']] : 0,
            'comment_meta' => ['newsbot_spam' => $comment['spam'] ? '1' : '0'],
        ]), 'comment ' . $comment['key']);
    }
}
