<?php
return [
    'modules' => [
        'Magento_Store' => 1,
        'Magento_Catalog' => 1,
        'Magento_Checkout' => 1,
        'Magento_Sales' => 1,
    ],
];
