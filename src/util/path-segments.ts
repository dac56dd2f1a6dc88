/** Does the path end with these whole segments (`app/etc/env.php` matches `shop/app/etc/env.php`, not `myapp/etc/env.php`)? */
export function endsWithSegments(path: string, suffix: string): boolean {
  return path === suffix || path.endsWith(`/${suffix}`);
}
