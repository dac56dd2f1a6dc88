<?php
return [
    'backend' => ['frontName' => 'admin_k3x9p'],
    'crypt' => ['key' => 'base64Qm9ndXMga2V5IGZvciB0aGUgZXhhbXBsZSByZWxlYXNlIQ=='],
    'db' => [
        'connection' => [
            'default' => [
                'host' => 'db.internal',
                'dbname' => 'corner_shop',
                'username' => 'shop',
                'password' => 'Tr0ub4dor-and-3-more-words',
            ],
        ],
    ],
    'MAGE_MODE' => 'production',
];
