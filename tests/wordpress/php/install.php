<?php
/* php install.php DOCROOT: creates WordPress's tables, the admin and the site options (Arabic, Asia/Riyadh). */
define('WP_INSTALLING', true);
require __DIR__ . '/bootstrap.php';
require_once ABSPATH . 'wp-admin/includes/upgrade.php';

$result = wp_install('أخبار نيوزبوت', 'admin', 'admin@example.org', true, '', 'newsbot-admin', 'ar');
if (empty($result['user_id'])) {
    fwrite(STDERR, "wp_install failed\n");
    exit(1);
}
$options = [
    'timezone_string' => 'Asia/Riyadh',
    'gmt_offset' => '',
    'blogdescription' => 'أخبار مترجمة من وكالات الأنباء',
    'default_pingback_flag' => 0,
    'default_ping_status' => 'closed',
    'thread_comments' => 1,
    'thread_comments_depth' => 5,
    'comment_moderation' => 0,
    'posts_per_page' => 10,
];
foreach ($options as $name => $value) {
    update_option($name, $value);
}
/* the posts and the page that wp_install() creates by default */
foreach (get_posts(['post_type' => ['post', 'page'], 'post_status' => 'any', 'numberposts' => -1]) as $post) {
    wp_delete_post($post->ID, true);
}
update_option('permalink_structure', '/%year%/%monthnum%/%day%/%postname%/');
