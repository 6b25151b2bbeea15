'use strict';

const fs = require('fs');
const path = require('path');
const express = require('express');

const port = Number(process.env.PORT) || 3000;
const dataDir = process.env.DATA_DIR || path.join(__dirname, 'data');
const app = express();

fs.mkdirSync(dataDir, { recursive: true });

app.get('/healthz', (req, res) => res.json({ status: 'ok' }));

app.get('/', (req, res) => {
	fs.appendFile(path.join(dataDir, 'visits.log'), `${new Date().toISOString()}\n`, (err) => {
		if (err)
			console.error('cannot record visit:', err.message);
	});
	res.send('Hello from webapp\n');
});

const server = app.listen(port, () => console.log(`webapp listening on :${port}`));

// docker stop sends SIGTERM: finish in-flight requests, then exit.
process.on('SIGTERM', () => {
	console.log('SIGTERM received, closing server');
	server.close(() => process.exit(0));
});
