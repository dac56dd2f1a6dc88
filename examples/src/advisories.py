"""Writes examples/advisories/: OSV records for the packages of the example store, as the
GitHub Advisory Database (CC-BY-4.0) publishes them (ids, aliases, ranges, severity),
trimmed to the fields the gate reads. A demo database for offline scans of the example,
not a complete one. Run from examples/: python3 src/advisories.py"""
import json, os

def rec(id, aliases, summary, affected, cvss=None, rating=None, modified='2024-09-10T00:00:00Z'):
    record = {
        'schema_version': '1.6.0',
        'id': id,
        'modified': modified,
        'aliases': aliases,
        'summary': summary,
        'affected': [{'package': {'ecosystem': eco, 'name': name}, 'ranges': [{'type': 'ECOSYSTEM', 'events': events}]} for eco, name, events in affected],
        'references': [{'type': 'ADVISORY', 'url': f'https://github.com/advisories/{id}'}] if id.startswith('GHSA-') else [],
    }
    if cvss:
        record['severity'] = [{'type': 'CVSS_V3', 'score': cvss}]
    if rating:
        record['database_specific'] = {'severity': rating}
    return record

def r(introduced, fixed):
    return [{'introduced': introduced}, {'fixed': fixed}]

RECORDS = [
    rec('GHSA-35jh-r3h4-6jhm', ['CVE-2021-23337'], 'Command Injection in lodash',
        [('npm', 'lodash', r('0', '4.17.21')), ('npm', 'lodash-es', r('0', '4.17.21'))],
        'CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:U/C:H/I:H/A:H', 'HIGH'),
    rec('GHSA-29mw-wpgm-hmr9', ['CVE-2020-28500'], 'Regular Expression Denial of Service (ReDoS) in lodash',
        [('npm', 'lodash', r('4.0.0', '4.17.21'))], 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:L', 'MODERATE'),
    rec('GHSA-cph5-m8f7-6c5x', ['CVE-2021-3749'], 'axios Inefficient Regular Expression Complexity vulnerability',
        [('npm', 'axios', r('0', '0.21.2'))], 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H', 'HIGH'),
    rec('GHSA-wf5p-g6vw-rhxx', ['CVE-2023-45857'], 'Axios Cross-Site Request Forgery Vulnerability',
        [('npm', 'axios', r('0.8.1', '1.6.0'))], None, 'MODERATE'),
    rec('GHSA-rv95-896h-c2vc', ['CVE-2024-29041'], 'Express.js Open Redirect in malformed URLs',
        [('npm', 'express', r('0', '4.19.2'))], 'CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N', 'MODERATE'),
    rec('GHSA-qwcr-r2fm-qrc7', ['CVE-2024-45590'], 'body-parser vulnerable to denial of service when url encoding is enabled',
        [('npm', 'body-parser', r('0', '1.20.3'))], 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H', 'HIGH'),
    rec('GHSA-9wv6-86v2-598j', ['CVE-2024-45296'], 'path-to-regexp outputs backtracking regular expressions',
        [('npm', 'path-to-regexp', r('0', '0.1.10'))], 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H', 'HIGH'),
    rec('GHSA-hrpp-h998-j3pp', ['CVE-2022-24999'], 'qs vulnerable to Prototype Pollution',
        [('npm', 'qs', r('6.7.0', '6.7.3'))], 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H', 'HIGH'),
    rec('GHSA-pxg6-pf52-xh8x', ['CVE-2024-47764'], 'cookie accepts cookie name, path, and domain with out of bounds characters',
        [('npm', 'cookie', r('0', '0.7.0'))], None, 'LOW'),
    rec('GHSA-m6fv-jmcg-4jfg', ['CVE-2024-43799'], 'send vulnerable to template injection that can lead to XSS',
        [('npm', 'send', r('0', '0.19.0'))], None, 'LOW'),
    rec('GHSA-cm22-4g7w-348p', ['CVE-2024-43800'], 'serve-static vulnerable to template injection that can lead to XSS',
        [('npm', 'serve-static', r('0', '1.16.0'))], None, 'LOW'),
    rec('GHSA-25mq-v84q-4j7r', ['CVE-2022-31090'], 'CURLOPT_HTTPAUTH option not cleared on change of origin',
        [('Packagist', 'guzzlehttp/guzzle', r('0', '6.5.8')), ('Packagist', 'guzzlehttp/guzzle', r('7.0.0', '7.4.5'))],
        'CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:C/C:H/I:N/A:N', 'HIGH'),
    rec('GHSA-wxmh-65f7-jcvw', ['CVE-2023-29197'], 'Improper header name validation in guzzlehttp/psr7',
        [('Packagist', 'guzzlehttp/psr7', r('0', '1.9.1')), ('Packagist', 'guzzlehttp/psr7', r('2.0.0', '2.4.5'))], None, 'HIGH'),
    rec('CVE-2024-34102', [], 'Magento Open Source: XML external entity reference allows arbitrary code execution (CosmicSting)',
        [('Packagist', 'magento/community-edition', r('0', '2.4.4-p9')),
         ('Packagist', 'magento/community-edition', r('2.4.5', '2.4.5-p8')),
         ('Packagist', 'magento/community-edition', r('2.4.6', '2.4.6-p6')),
         ('Packagist', 'magento/community-edition', r('2.4.7', '2.4.7-p1'))],
        'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 'CRITICAL'),
]

os.makedirs('advisories', exist_ok=True)
for record in RECORDS:
    with open(f"advisories/{record['id']}.json", 'w') as f:
        f.write(json.dumps(record, indent=2) + '\n')
