<?php
/* Loads WordPress from the docroot given as first argument, for the CLI scripts beside this file. */
if (PHP_SAPI !== 'cli') {
    exit(1);
}
$_SERVER['HTTP_HOST'] = '127.0.0.1';
$_SERVER['SERVER_NAME'] = '127.0.0.1';
$_SERVER['REQUEST_URI'] = '/';
require $argv[1] . '/wp-load.php';
add_filter('pre_wp_mail', '__return_true'); // no mail leaves the machine
