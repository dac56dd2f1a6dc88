"""Writes composer.lock and vendor/composer/installed.json (Composer 2 shape) for the
example shop of each release, from one package table, so the two always agree.
Run from examples/: python3 src/composer-files.py"""
import hashlib, json

def pkg(name, version, kind='library', require=None, description='', ref=None):
    ref = ref or hashlib.sha1(f'{name}@{version}'.encode()).hexdigest()
    repo = f'https://github.com/{name}.git'
    return {
        'name': name,
        'version': version,
        'source': {'type': 'git', 'url': repo, 'reference': ref},
        'dist': {'type': 'zip', 'url': f'https://api.github.com/repos/{name}/zipball/{ref}', 'reference': ref, 'shasum': ''},
        'require': require or {'php': '>=7.2.5'},
        'type': kind,
        'license': ['MIT'],
        'description': description,
        'time': '2023-01-01T00:00:00+00:00',
    }

MAGENTO = 'https://repo.magento.com/archives'
def magento(name, version, kind='magento2-library', require=None):
    p = pkg(name, version, kind, require, f'{name} for Magento Open Source')
    del p['source']
    p['dist'] = {'type': 'zip', 'url': f'{MAGENTO}/{name}/{name.replace("/", "-")}-{version}.0.zip', 'shasum': hashlib.sha1(name.encode()).hexdigest()}
    p['license'] = ['OSL-3.0', 'AFL-3.0']
    return p

RELEASES = {
    '1.3.0': {
        'packages': [
            pkg('guzzlehttp/guzzle', '7.4.4', description='Guzzle is a PHP HTTP client library'),
            pkg('guzzlehttp/psr7', '2.4.0', description='PSR-7 message implementation'),
            magento('magento/magento2-base', '2.4.6-p2', 'magento2-component'),
            magento('magento/module-catalog', '104.0.6-p2', 'magento2-module'),
            magento('magento/product-community-edition', '2.4.6-p2', 'metapackage', {'magento/magento2-base': '2.4.6-p2', 'magento/module-catalog': '104.0.6-p2'}),
            pkg('monolog/monolog', '2.9.1', description='Sends your logs to files, sockets, inboxes, databases'),
            pkg('twig/twig', 'v3.5.0', description='Twig, the flexible, fast, and secure template language for PHP'),
        ],
        'dev': [pkg('phpunit/phpunit', '9.6.3', description='The PHP Unit Testing framework.')],
    },
    '1.4.0': {
        'packages': [
            pkg('guzzlehttp/guzzle', '7.4.4', description='Guzzle is a PHP HTTP client library'),
            pkg('guzzlehttp/psr7', '2.4.5', description='PSR-7 message implementation'),
            magento('magento/magento2-base', '2.4.6-p2', 'magento2-component'),
            magento('magento/module-catalog', '104.0.6-p2', 'magento2-module'),
            magento('magento/product-community-edition', '2.4.6-p2', 'metapackage', {'magento/magento2-base': '2.4.6-p2', 'magento/module-catalog': '104.0.6-p2'}),
            pkg('monolog/monolog', '2.9.1', description='Sends your logs to files, sockets, inboxes, databases'),
            pkg('twig/twig', 'v3.14.0', description='Twig, the flexible, fast, and secure template language for PHP'),
        ],
        'dev': [pkg('phpunit/phpunit', '9.6.3', description='The PHP Unit Testing framework.')],
    },
}

def normalized(version):
    # Composer's normal form: no v, four numeric parts, -pN as -patchN
    core, _, extra = version.lstrip('v').partition('-')
    parts = (core.split('.') + ['0', '0', '0'])[:4]
    return '.'.join(parts) + (f'-patch{extra[1:]}' if extra.startswith('p') else (f'-{extra}' if extra else ''))

for version, release in RELEASES.items():
    lock = {
        '_readme': ['This file locks the dependencies of your project to a known state', 'Read more about it at https://getcomposer.org/doc/01-basic-usage.md#installing-dependencies', 'This file is @generated automatically'],
        'content-hash': hashlib.md5(version.encode()).hexdigest(),
        'packages': release['packages'],
        'packages-dev': release['dev'],
        'aliases': [], 'minimum-stability': 'stable', 'stability-flags': [], 'prefer-stable': True, 'prefer-lowest': False,
        'platform': {'php': '~8.1.0||~8.2.0'}, 'platform-dev': [], 'plugin-api-version': '2.6.0',
    }
    with open(f'src/{version}/shop/composer.lock', 'w') as f:
        f.write(json.dumps(lock, indent=4) + '\n')
    # a production build runs composer install --no-dev: installed.json lists no dev packages
    installed = {
        'packages': [dict(p, **{'version_normalized': normalized(p['version']), 'installation-source': 'dist', 'install-path': f'../{p["name"]}'}) for p in release['packages']],
        'dev': False,
        'dev-package-names': [],
    }
    with open(f'src/{version}/shop/vendor/composer/installed.json', 'w') as f:
        f.write(json.dumps(installed, indent=4) + '\n')
