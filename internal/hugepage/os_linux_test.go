package hugepage

const isLinux = true
