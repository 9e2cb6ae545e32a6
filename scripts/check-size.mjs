console.log('size check: todo');
