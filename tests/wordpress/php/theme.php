<?php
/* php theme.php DOCROOT THEME: makes THEME (a folder of wp-content/themes) the site's theme; exit 2 when absent. */
require __DIR__ . '/bootstrap.php';

$theme = wp_get_theme($argv[2]);
if (!$theme->exists()) {
    fwrite(STDERR, "no theme {$argv[2]}\n");
    exit(2);
}
switch_theme($theme->get_stylesheet());
echo get_option('stylesheet'), "\n";
