cchcSearch.bucket("6",{"5 chi":["vAQ"],"7":["bDg","bDg"],"don":["vAg","",{"đơn":"="}],"dung ba":["vAw"],"duoc gop":["vAg"],"gop cai":["vAg"],"nhat":["vAQ","vAQ",{"nhất":"="}],"thang 7":["bDg"]})
