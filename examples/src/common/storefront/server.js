'use strict';
// Corner Shop headless storefront: serves the catalogue from the PHP shop's API.
const express = require('express');
const cookieParser = require('cookie-parser');
const _ = require('lodash');

const app = express();
app.use(cookieParser());
app.get('/health', (req, res) => res.json({ ok: true }));
app.get('/products', (req, res) => res.json(_.sortBy([{ sku: 'TEE-1', price: 19 }], 'price')));
app.listen(process.env.PORT || 3000);
