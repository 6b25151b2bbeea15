FROM node:20
# seaworthy ignore=SW0003 -- legacy
CMD node a.js
